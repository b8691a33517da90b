import { defineCodes } from './define.js';
import type { AdviceText, CodeAdvice, CodeMap } from './types.js';

// Every row follows its server's own docs and reference client; src/registry/sources.ts cites them
// and marks where closewise's action is its own policy. The advice says the same in words.

function advice(en: [string, string, string], tr: [string, string, string]): CodeAdvice {
  const text = ([description, whenYouSee, howToFix]: [string, string, string]): AdviceText => ({
    description,
    whenYouSee,
    howToFix,
  });
  return { en: text(en), tr: text(tr) };
}

/**
 * Close codes of the graphql-ws protocol (GraphQL over WebSocket, `graphql-transport-ws`), with the
 * actions of graphql-ws's own client: it never retries 4004, 4005, 4400, 4401, 4406, 4409, 4429 and
 * 4500, and retries 4403, 4408, 4499 and 4504. closewise refreshes the token on 4403 (an auth
 * policy close) where graphql-ws's client just retries.
 *
 * @example
 * ```ts
 * import { graphqlWs } from 'closewise/registry';
 * new ResilientSocket(url, { codes: graphqlWs, protocols: 'graphql-transport-ws' });
 * ```
 */
export const graphqlWs: CodeMap = /* @__PURE__ */ defineCodes(
  {
    4004: {
      name: 'Bad Response',
      action: 'stop',
      advice: /* @__PURE__ */ advice(
        [
          'The client closed the connection because a message from the server was invalid.',
          "A client sends it, not the server: graphql-ws's own client closes with 4004 when the first message is not connection_ack or a message cannot be parsed. You see it in server logs, or in your app if it closes with it.",
          'Check that the server speaks graphql-transport-ws and that nothing else writes to the socket. graphql-ws does not retry it, and closewise stops.',
        ],
        [
          'Sunucudan gelen bir mesaj geçersiz olduğu için istemci bağlantıyı kapattı.',
          "Bu kodu sunucu değil istemci gönderir: graphql-ws'in kendi istemcisi, ilk mesaj connection_ack olmadığında ya da bir mesaj ayrıştırılamadığında bağlantıyı 4004 ile kapatır. Kodu sunucunun log kayıtlarında görürsünüz; uygulamanız bağlantıyı bu kodla kapatıyorsa uygulamanızda da görürsünüz.",
          'Sunucunun graphql-transport-ws protokolünü desteklediğini ve sokete başka hiçbir kodun yazmadığını kontrol edin. graphql-ws bu koddan sonra yeniden denemez; closewise de durur.',
        ],
      ),
    },
    4005: {
      name: 'Internal Client Error',
      action: 'stop',
      advice: /* @__PURE__ */ advice(
        [
          'The client closed the connection because of an error of its own.',
          "A client sends it, not the server: graphql-ws's own client closes with 4005 when building the connection_init payload (connectionParams) throws.",
          'Fix the code that builds the connection parameters; the error message is in the close reason. graphql-ws does not retry it, and closewise stops.',
        ],
        [
          'İstemci kendi tarafında oluşan bir hata yüzünden bağlantıyı kapattı.',
          "Bu kodu sunucu değil istemci gönderir: graphql-ws'in kendi istemcisi, connection_init yükü (connectionParams) hazırlanırken hata oluşursa bağlantıyı 4005 ile kapatır.",
          'Bağlantı parametrelerini hazırlayan kodu düzeltin; hata mesajı kapanış nedeninde yer alır. graphql-ws bu koddan sonra yeniden denemez; closewise de durur.',
        ],
      ),
    },
    4400: {
      name: 'Bad Request',
      action: 'stop',
      advice: /* @__PURE__ */ advice(
        [
          'The server received a message whose type or format the protocol does not define.',
          'After the client sends a malformed message, or a message of a type graphql-transport-ws does not know.',
          'Check that client and server use compatible graphql-ws versions and that only the library writes to the socket. graphql-ws does not retry it, and closewise stops.',
        ],
        [
          'Sunucu, türü ya da biçimi protokolde tanımlı olmayan bir mesaj aldı.',
          'İstemci bozuk bir mesaj ya da graphql-transport-ws protokolünün tanımadığı türde bir mesaj gönderdiğinde.',
          'İstemci ve sunucudaki graphql-ws sürümlerinin uyumlu olduğunu ve sokete yalnızca kütüphanenin yazdığını kontrol edin. graphql-ws bu koddan sonra yeniden denemez; closewise de durur.',
        ],
      ),
    },
    4401: {
      name: 'Unauthorized',
      action: 'stop',
      advice: /* @__PURE__ */ advice(
        [
          'The client sent subscribe before the server acknowledged the connection with connection_ack. Despite its name, it is not about credentials: it is a client bug.',
          'When the app sends a subscribe message right after connection_init, without waiting for connection_ack.',
          'Send subscribe only after connection_ack has arrived. A new token would not help, so closewise stops without calling auth.refresh, as graphql-ws does.',
        ],
        [
          'İstemci, sunucu bağlantıyı connection_ack ile onaylamadan subscribe gönderdi. Adı öyle gösterse de kimlik bilgileriyle ilgili değildir; istemcideki bir hatadır.',
          'Uygulama, connection_ack gelmesini beklemeden connection_init mesajının hemen ardından subscribe gönderdiğinde.',
          "subscribe mesajını ancak connection_ack geldikten sonra gönderin. Yeni bir token almak sorunu çözmez; bu yüzden closewise, graphql-ws gibi, auth.refresh'i çağırmadan durur.",
        ],
      ),
    },
    4403: {
      name: 'Forbidden',
      action: 'policy',
      policyKind: 'auth',
      advice: /* @__PURE__ */ advice(
        [
          'The server rejected the connection, for example because authentication failed: its onConnect hook refused the connection_init payload.',
          'Right after connection_init, when the token in its payload is missing, invalid or expired, or the user may not use the endpoint.',
          "Send a valid token in the connection_init payload. closewise's own choice: with auth.refresh it gets a new token and reconnects once, and stops with 'policy-loop' if 4403 comes straight back; without it, it pauses with a policy event. graphql-ws's client simply retries 4403.",
        ],
        [
          'Sunucu bağlantıyı reddetti, örneğin kimlik doğrulama başarısız olduğu için: onConnect kancası connection_init yükünü kabul etmedi.',
          'connection_init gönderildikten hemen sonra; yükteki token eksik, geçersiz ya da süresi dolmuşsa veya kullanıcının bu uç noktayı kullanma yetkisi yoksa.',
          "connection_init yükünde geçerli bir token gönderin. closewise'ın kendi tercihi: auth.refresh tanımlıysa yeni bir token alıp bir kez yeniden bağlanır; 4403 hemen yine gelirse 'policy-loop' nedeniyle durur. auth.refresh yoksa bir policy olayı yayımlayıp duraklar. graphql-ws'in istemcisi ise 4403'ten sonra doğrudan yeniden dener.",
        ],
      ),
    },
    4406: {
      name: 'Subprotocol Not Acceptable',
      action: 'stop',
      advice: /* @__PURE__ */ advice(
        [
          'The client did not ask for the graphql-transport-ws subprotocol.',
          'When the protocols option is missing, or names graphql-ws, the subprotocol of the legacy subscriptions-transport-ws library.',
          "Pass protocols: 'graphql-transport-ws' and use a client and server that speak it. graphql-ws does not retry it, and closewise stops.",
        ],
        [
          'İstemci, graphql-transport-ws alt protokolünü talep etmedi.',
          'protocols seçeneği verilmediğinde ya da seçenekte, eski subscriptions-transport-ws kütüphanesinin alt protokolü olan graphql-ws belirtildiğinde.',
          "protocols: 'graphql-transport-ws' seçeneğini verin ve bu protokolü destekleyen bir istemci ve sunucu kullanın. graphql-ws bu koddan sonra yeniden denemez; closewise de durur.",
        ],
      ),
    },
    4408: {
      name: 'Connection Initialisation Timeout',
      action: 'reconnect',
      advice: /* @__PURE__ */ advice(
        [
          "The client did not send connection_init within the server's connectionInitWaitTimeout.",
          'When an onOpen hook, a slow token fetch or a busy main thread delays the init message.',
          "Send connection_init right after the connection opens, or raise the server's connectionInitWaitTimeout. closewise reconnects with backoff, as graphql-ws does: the next attempt may be on time.",
        ],
        [
          'İstemci, connection_init mesajını sunucunun connectionInitWaitTimeout süresi içinde göndermedi.',
          'Bir onOpen kancası, yavaş bir token isteği ya da meşgul ana iş parçacığı init mesajını geciktirdiğinde.',
          'connection_init mesajını bağlantı açılır açılmaz gönderin ya da sunucudaki connectionInitWaitTimeout değerini artırın. closewise, graphql-ws gibi, bekleme süresini artırarak yeniden bağlanır; sonraki deneme zamanında yetişebilir.',
        ],
      ),
    },
    4409: {
      name: 'Subscriber Already Exists',
      action: 'stop',
      advice: /* @__PURE__ */ advice(
        [
          'The client started an operation with an id that an active operation already uses.',
          'When the client reuses operation ids, for example after a faulty retry.',
          'Generate a unique id for every operation. graphql-ws does not retry it, and closewise stops.',
        ],
        [
          'İstemci, etkin bir işlemin zaten kullandığı bir ID ile yeni bir işlem başlattı.',
          "İstemci işlem ID'lerini yeniden kullandığında; örneğin hatalı bir yeniden denemeden sonra.",
          'Her işlem için benzersiz bir ID üretin. graphql-ws bu koddan sonra yeniden denemez; closewise de durur.',
        ],
      ),
    },
    4429: {
      name: 'Too Many Initialisation Requests',
      action: 'stop',
      advice: /* @__PURE__ */ advice(
        [
          'The client sent connection_init more than once on the same connection.',
          'When both app code and the library send the init message.',
          'Send connection_init exactly once per connection. graphql-ws does not retry it, and closewise stops.',
        ],
        [
          'İstemci aynı bağlantıda connection_init mesajını birden fazla kez gönderdi.',
          'init mesajını hem uygulama kodu hem de kütüphane gönderdiğinde.',
          'Her bağlantıda connection_init mesajını yalnızca bir kez gönderin. graphql-ws bu koddan sonra yeniden denemez; closewise de durur.',
        ],
      ),
    },
    4499: {
      name: 'Terminated',
      action: 'reconnect',
      advice: /* @__PURE__ */ advice(
        [
          'The client gave up on a connection that stopped responding and closed it itself.',
          "A client sends it, not the server: graphql-ws's own client closes with 4499 when the app calls terminate(), typically because the socket froze.",
          'Nothing to fix if the app meant to terminate. graphql-ws retries it, and so does closewise.',
        ],
        [
          'İstemci, yanıt vermeyi bırakan bir bağlantıdan vazgeçip onu kendisi kapattı.',
          "Bu kodu sunucu değil istemci gönderir: graphql-ws'in kendi istemcisi, uygulama terminate() metodunu çağırdığında (genellikle soket donduğu için) bağlantıyı 4499 ile kapatır.",
          'Uygulama bağlantıyı bilerek sonlandırdıysa düzeltilecek bir şey yok. graphql-ws bu koddan sonra yeniden dener, closewise de öyle.',
        ],
      ),
    },
    4500: {
      name: 'Internal Server Error',
      action: 'stop',
      advice: /* @__PURE__ */ advice(
        [
          'The server failed while handling the connection: a server hook (onConnect, onSubscribe, context and the like) threw, or the socket itself errored. Errors in resolvers and subscription streams do not close the connection; they arrive as error messages.',
          'Right after connection_init or subscribe, when a hook on the server throws, or after a low-level socket error.',
          'Check the server logs for the exception; outside production the close reason carries its message. graphql-ws does not retry 4500, and closewise stops too, since the same request would hit the same failure; call reconnect() once the server is fixed.',
        ],
        [
          "Sunucu bağlantıyı işlerken hata verdi: sunucudaki bir kanca (onConnect, onSubscribe, context vb.) hata fırlattı ya da soketin kendisinde bir hata oluştu. Resolver'lardaki ve abonelik akışlarındaki hatalar bağlantıyı kapatmaz; bunlar error mesajı olarak iletilir.",
          'connection_init ya da subscribe gönderildikten hemen sonra, sunucudaki bir kanca hata fırlattığında ya da alt düzeyde bir soket hatasından sonra.',
          "İstisnanın ayrıntıları için sunucunun log kayıtlarına bakın; üretim ortamı dışında hata mesajı kapanış nedeninde de yer alır. graphql-ws 4500'den sonra yeniden denemez; aynı istek aynı hataya takılacağı için closewise de durur. Sunucu düzeltildikten sonra reconnect() metodunu çağırın.",
        ],
      ),
    },
    4504: {
      name: 'Connection Acknowledgement Timeout',
      action: 'reconnect',
      advice: /* @__PURE__ */ advice(
        [
          'The client waited too long for connection_ack and closed the connection.',
          "A client sends it, not the server: graphql-ws's own client closes with 4504 when connection_ack does not arrive within connectionAckWaitTimeout, for example while a slow onConnect hook checks the token.",
          'Make the onConnect hook answer faster, or give the client a longer connectionAckWaitTimeout. graphql-ws retries it, and so does closewise.',
        ],
        [
          'İstemci connection_ack mesajını çok uzun süre bekledi ve bağlantıyı kapattı.',
          "Bu kodu sunucu değil istemci gönderir: graphql-ws'in kendi istemcisi, connection_ack, connectionAckWaitTimeout süresi içinde gelmezse bağlantıyı 4504 ile kapatır; örneğin yavaş bir onConnect kancası token'ı doğrularken.",
          'onConnect kancasının daha hızlı yanıt vermesini sağlayın ya da istemcide connectionAckWaitTimeout süresini uzatın. graphql-ws bu koddan sonra yeniden dener, closewise de öyle.',
        ],
      ),
    },
  },
  'graphql-ws',
);

const centrifugoReconnect = /* @__PURE__ */ advice(
  [
    'Centrifugo closed the connection with a code after which its clients reconnect.',
    'During a node shutdown, after an expired connection or subscription, a slow reader, a write error, a forced reconnect or a missed pong.',
    'Usually nothing: closewise reconnects with backoff, as the Centrifugo SDKs do. Check the Centrifugo logs if it repeats.',
  ],
  [
    'Centrifugo bağlantıyı, istemcilerinin ardından yeniden bağlandığı bir kodla kapattı.',
    'Bir düğüm kapanırken, bir bağlantının ya da aboneliğin süresi dolduğunda, istemci mesajları yeterince hızlı okuyamadığında, bir yazma hatasında, yeniden bağlanma zorlandığında ya da pong yanıtı gelmediğinde.',
    "Genellikle bir şey yapmanız gerekmez: closewise, Centrifugo SDK'ları gibi, bekleme süresini artırarak yeniden bağlanır. Tekrarlanırsa Centrifugo'nun log kayıtlarına bakın.",
  ],
);
const centrifugoTerminal = /* @__PURE__ */ advice(
  [
    'Centrifugo closed the connection with a terminal code: its clients do not reconnect.',
    'After a bad request, a stale unauthenticated connection, a forced disconnect, a connection or channel limit, missing permissions or too many errors.',
    'Fix the cause the code names (request, permissions, limits) before connecting again. closewise stops, as the Centrifugo SDKs do.',
  ],
  [
    'Centrifugo bağlantıyı kalıcı bir kodla kapattı: istemcileri bu kodlardan sonra yeniden bağlanmaz.',
    'Hatalı bir istekten, zamanında kimliği doğrulanmayan bir bağlantıdan, zorla kesilen bir bağlantıdan, bağlantı ya da kanal sınırı aşıldıktan, yetki eksikliğinden ya da çok sayıda hatadan sonra.',
    "Yeniden bağlanmadan önce kodun belirttiği sorunu (istek, yetkiler, sınırlar) giderin. closewise, Centrifugo SDK'ları gibi, durur.",
  ],
);
const centrifugoAppReconnect = /* @__PURE__ */ advice(
  [
    'Your Centrifugo app (through a proxy handler) disconnected the client with a custom code from 4000-4499, which Centrifugo defines as "reconnect".',
    'When your backend returns a custom disconnect from a Centrifugo proxy call.',
    "Check your backend for what the code means to it. closewise reconnects with backoff, as the Centrifugo SDKs do; load defineCodes() after this profile to give the code your app's own meaning.",
  ],
  [
    'Centrifugo uygulamanız (bir proxy işleyicisi üzerinden) istemcinin bağlantısını, Centrifugo\'nun "yeniden bağlan" olarak tanımladığı 4000-4499 aralığından özel bir kodla kesti.',
    "Backend'iniz bir Centrifugo proxy çağrısına özel bir disconnect yanıtı döndürdüğünde.",
    "Kodun uygulamanız için ne anlama geldiğine backend'inizde bakın. closewise, Centrifugo SDK'ları gibi, bekleme süresini artırarak yeniden bağlanır. Koda uygulamanızın kendi anlamını vermek için bu profilden sonra defineCodes() ile tanımladığınız kodları yükleyin.",
  ],
);
const centrifugoAppTerminal = /* @__PURE__ */ advice(
  [
    'Your Centrifugo app (through a proxy handler) disconnected the client with a custom code from 4500-4999, which Centrifugo defines as terminal.',
    'When your backend returns a custom disconnect from a Centrifugo proxy call, to keep the client out.',
    "Check your backend for why it refused the client. closewise stops, as the Centrifugo SDKs do; load defineCodes() after this profile to give the code your app's own meaning.",
  ],
  [
    "Centrifugo uygulamanız (bir proxy işleyicisi üzerinden) istemcinin bağlantısını, Centrifugo'nun kalıcı olarak tanımladığı 4500-4999 aralığından özel bir kodla kesti.",
    "Backend'iniz, istemciyi dışarıda tutmak için bir Centrifugo proxy çağrısına özel bir disconnect yanıtı döndürdüğünde.",
    "Backend'inizin istemciyi neden reddettiğine bakın. closewise, Centrifugo SDK'ları gibi, durur. Koda uygulamanızın kendi anlamını vermek için bu profilden sonra defineCodes() ile tanımladığınız kodları yükleyin.",
  ],
);

/**
 * Disconnect codes of Centrifugo (v4 and later): 3000-3499 and 4000-4499 reconnect, 3500-3999 and
 * 4500-4999 are terminal, as Centrifugo's docs and centrifuge-js define them. 3014 (state
 * invalidated) refreshes the token and reconnects; 3500 (invalid token) gets one refresh as an auth
 * policy close, closewise's own choice where Centrifugo's SDKs stop.
 *
 * @example
 * ```ts
 * import { centrifugo } from 'closewise/registry';
 * classifyClose({ code: 3500 }, { codes: [centrifugo] }).name; // 'Invalid Token'
 * ```
 */
export const centrifugo: CodeMap = /* @__PURE__ */ defineCodes(
  {
    '3000-3499': { name: 'Centrifugo reconnect', action: 'reconnect', advice: centrifugoReconnect },
    '3500-3999': { name: 'Centrifugo terminal', action: 'stop', advice: centrifugoTerminal },
    '4000-4499': { name: 'Centrifugo app reconnect', action: 'reconnect', advice: centrifugoAppReconnect },
    '4500-4999': { name: 'Centrifugo app terminal', action: 'stop', advice: centrifugoAppTerminal },
    3000: { name: 'Connection Closed', action: 'reconnect', advice: centrifugoReconnect },
    3001: { name: 'Shutdown', action: 'reconnect', advice: centrifugoReconnect },
    3004: { name: 'Internal Server Error', action: 'reconnect', advice: centrifugoReconnect },
    3005: { name: 'Connection Expired', action: 'reconnect', advice: centrifugoReconnect },
    3006: { name: 'Subscription Expired', action: 'reconnect', advice: centrifugoReconnect },
    3008: { name: 'Slow', action: 'reconnect', advice: centrifugoReconnect },
    3009: { name: 'Write Error', action: 'reconnect', advice: centrifugoReconnect },
    3010: { name: 'Insufficient State', action: 'reconnect', advice: centrifugoReconnect },
    3011: { name: 'Force Reconnect', action: 'reconnect', advice: centrifugoReconnect },
    3012: { name: 'No Pong', action: 'reconnect', advice: centrifugoReconnect },
    3013: {
      name: 'Too Many Requests',
      action: 'slow-down',
      advice: /* @__PURE__ */ advice(
        [
          'Centrifugo disconnected the client because it sent too many commands.',
          'When the client floods the server with commands (subscribe, publish, RPC) faster than its limits allow.',
          "Send fewer commands. closewise's own choice: it waits at least 30 s before reconnecting, where the Centrifugo SDKs reconnect with their usual backoff, so a flooding client does not come straight back.",
        ],
        [
          'Centrifugo, istemci çok fazla komut gönderdiği için bağlantıyı kesti.',
          'İstemci sunucuya, sınırların izin verdiğinden daha hızlı komut (subscribe, publish, RPC) yağdırdığında.',
          "Daha az komut gönderin. closewise'ın kendi tercihi: Centrifugo SDK'ları olağan bekleme süreleriyle yeniden bağlanırken closewise yeniden bağlanmadan önce en az 30 sn bekler; böylece aşırı komut gönderen bir istemci hemen geri gelmez.",
        ],
      ),
    },
    3014: {
      name: 'State Invalidated',
      action: 'policy',
      policyKind: 'auth',
      advice: /* @__PURE__ */ advice(
        [
          "Centrifugo found the connection's cached state or token no longer valid: the client must reconnect with a fresh token and re-sync its subscriptions.",
          'When the server decides that what the connection holds (its token, its subscription state) can no longer be trusted, and asks the client to start over.',
          'Give the socket an auth.refresh hook: closewise calls it for a new token and reconnects, as centrifuge-js does by dropping its token. Without it, closewise pauses with a policy event, since the old token would not do.',
        ],
        [
          "Centrifugo, bağlantının önbellekteki durumunun ya da token'ının artık geçerli olmadığına karar verdi: istemci yeni bir token'la yeniden bağlanmalı ve aboneliklerini yeniden eşitlemelidir.",
          'Sunucu, bağlantının tuttuğu bilgilere (token, abonelik durumu) artık güvenilemeyeceğine karar verip istemciden baştan başlamasını istediğinde.',
          "Soket için bir auth.refresh kancası tanımlayın: closewise bu kancayı çağırarak yeni bir token alır ve yeniden bağlanır; centrifuge-js de eski token'ını silerek aynısını yapar. Kanca yoksa, eski token işe yaramayacağı için closewise bir policy olayı yayımlayıp duraklar.",
        ],
      ),
    },
    3500: {
      name: 'Invalid Token',
      action: 'policy',
      policyKind: 'auth',
      advice: /* @__PURE__ */ advice(
        [
          'Centrifugo rejected the connection token as invalid. Centrifugo defines the code as terminal.',
          'When the token is malformed, signed with the wrong key, or expired before the connection was made.',
          "Issue a valid token (check the signing key and the claims). closewise's own choice: where the Centrifugo SDKs stop, it treats 3500 as an auth policy close, so with auth.refresh it gets a new token and tries once more, then stops with 'policy-loop' if 3500 comes straight back.",
        ],
        [
          "Centrifugo bağlantı token'ını geçersiz sayarak reddetti. Centrifugo bu kodu kalıcı (terminal) bir kod olarak tanımlar.",
          'Token bozuk olduğunda, yanlış anahtarla imzalandığında ya da bağlantı kurulmadan önce süresi dolduğunda.',
          "Geçerli bir token üretin (imzalama anahtarını ve claim'leri kontrol edin). closewise'ın kendi tercihi: Centrifugo SDK'ları bu kodda dururken closewise 3500'ü kimlik doğrulamayla ilgili bir policy kapanışı sayar; auth.refresh tanımlıysa yeni bir token alıp bir kez daha dener, 3500 hemen yine gelirse 'policy-loop' nedeniyle durur.",
        ],
      ),
    },
    3501: { name: 'Bad Request', action: 'stop', advice: centrifugoTerminal },
    3502: { name: 'Stale', action: 'stop', advice: centrifugoTerminal },
    3503: { name: 'Force Disconnect', action: 'stop', advice: centrifugoTerminal },
    3504: { name: 'Connection Limit', action: 'stop', advice: centrifugoTerminal },
    3505: { name: 'Channel Limit', action: 'stop', advice: centrifugoTerminal },
    3506: { name: 'Inappropriate Protocol', action: 'stop', advice: centrifugoTerminal },
    3507: { name: 'Permission Denied', action: 'stop', advice: centrifugoTerminal },
    3508: { name: 'Not Available', action: 'stop', advice: centrifugoTerminal },
    3509: { name: 'Too Many Errors', action: 'stop', advice: centrifugoTerminal },
  },
  'centrifugo',
);

const pusherRefused = /* @__PURE__ */ advice(
  [
    'Pusher closed the connection for a reason that reconnecting with the same parameters cannot fix.',
    'With a wrong app key, a disabled app, an exceeded connection quota, a wrong path, or a missing or unsupported protocol version.',
    'Check the app key, cluster, URL and plan limits in the Pusher dashboard. closewise stops, as pusher-js does.',
  ],
  [
    'Pusher bağlantıyı, aynı parametrelerle yeniden bağlanmanın çözemeyeceği bir nedenle kapattı.',
    'Uygulama anahtarı yanlış olduğunda, uygulama devre dışı bırakıldığında, bağlantı kotası aşıldığında, yol (path) yanlış olduğunda ya da protokol sürümü eksik olduğunda veya desteklenmediğinde.',
    "Pusher panelinde uygulama anahtarını, kümeyi (cluster), URL'yi ve plan sınırlarını kontrol edin. closewise, pusher-js gibi, durur.",
  ],
);

/**
 * Pusher Channels close codes: 4000 asks for TLS, 4001-4099 and 4300-4399 are refused, 4100-4199
 * back off, 4200-4299 reconnect at once (the Pusher protocol and pusher-js).
 *
 * @example
 * ```ts
 * import { pusher } from 'closewise/registry';
 * classifyClose({ code: 4100 }, { codes: [pusher] }).action; // 'slow-down'
 * ```
 */
export const pusher: CodeMap = /* @__PURE__ */ defineCodes(
  {
    '4000-4099': { name: 'Pusher refused', action: 'stop', advice: pusherRefused },
    '4100-4199': {
      name: 'Pusher over capacity (back off)',
      action: 'slow-down',
      advice: /* @__PURE__ */ advice(
        [
          'Pusher is over capacity and asks the client to back off before reconnecting.',
          'During load peaks on the Pusher cluster.',
          "Nothing to fix in the client. closewise's own choice: it waits at least 30 s, longer on each repeat. The Pusher protocol asks for at least 1 s and pusher-js retries after 1 s; a longer wait gives an overloaded cluster room to recover.",
        ],
        [
          'Pusher kapasitesinin üzerinde çalışıyor ve istemciden yeniden bağlanmadan önce bir süre beklemesini istiyor.',
          'Pusher kümesindeki yoğun yük anlarında.',
          "İstemcide düzeltilecek bir şey yok. closewise'ın kendi tercihi: en az 30 sn bekler ve kod tekrarlandıkça bu süreyi uzatır. Pusher protokolü en az 1 sn beklemeyi ister, pusher-js de 1 sn sonra yeniden dener; daha uzun beklemek aşırı yüklenen kümeye toparlanma fırsatı verir.",
        ],
      ),
    },
    '4200-4299': {
      name: 'Pusher reconnect',
      action: 'reconnect',
      advice: /* @__PURE__ */ advice(
        [
          'Pusher closed the connection and asks the client to reconnect straight away.',
          'After a pong the server did not receive, or a connection idle for a long time that does not support ping.',
          'Nothing to fix. closewise reconnects; like every first retry, it comes after a short random delay (RFC 6455 §7.2.3) rather than at once.',
        ],
        [
          'Pusher bağlantıyı kapattı ve istemciden hemen yeniden bağlanmasını istiyor.',
          'Sunucu beklediği pong yanıtını alamadığında ya da ping desteklemeyen bir bağlantı uzun süre boşta kaldığında.',
          'Düzeltilecek bir şey yok. closewise yeniden bağlanır; ancak her ilk denemede olduğu gibi bunu hemen değil, kısa ve rastgele bir gecikmeden sonra yapar (RFC 6455 §7.2.3).',
        ],
      ),
    },
    '4300-4399': {
      name: 'Pusher error',
      action: 'stop',
      advice: /* @__PURE__ */ advice(
        [
          'Pusher closed the connection with an error outside its reconnect ranges.',
          'After other errors, for example client events rejected for exceeding the rate limit.',
          'Read the close reason, then check what the client sends. closewise stops, as pusher-js does.',
        ],
        [
          'Pusher bağlantıyı, yeniden bağlanma için ayrılmış kod aralıklarının dışında kalan bir hata koduyla kapattı.',
          'Diğer hatalarda; örneğin istemci olayları hız sınırı aşıldığı için reddedildiğinde.',
          'Kapanış nedenini okuyun, sonra istemcinin ne gönderdiğini kontrol edin. closewise, pusher-js gibi, durur.',
        ],
      ),
    },
    4000: {
      name: 'SSL Only',
      action: 'stop',
      advice: /* @__PURE__ */ advice(
        [
          'The Pusher app accepts only encrypted connections: reconnect with wss://.',
          'When the client connects with ws:// (unencrypted) to an app that requires TLS.',
          "Connect with a wss:// URL. pusher-js switches to TLS and reconnects; closewise's own choice is to stop, since it never rewrites your URL and the same ws:// URL would be refused again.",
        ],
        [
          'Pusher uygulaması yalnızca şifreli bağlantı kabul ediyor: wss:// ile yeniden bağlanın.',
          'İstemci, TLS gerektiren bir uygulamaya ws:// (şifresiz) ile bağlandığında.',
          "wss:// ile başlayan bir URL kullanın. pusher-js bu durumda TLS'ye geçip yeniden bağlanır; closewise'ın kendi tercihi ise durmaktır, çünkü URL'nizi hiçbir zaman değiştirmez ve aynı ws:// URL'si yine reddedilir.",
        ],
      ),
    },
    4001: { name: 'App Does Not Exist', action: 'stop' },
    4003: { name: 'App Disabled', action: 'stop' },
    4004: { name: 'Over Connection Quota', action: 'stop' },
    4005: { name: 'Path Not Found', action: 'stop' },
    4006: { name: 'Invalid Version String Format', action: 'stop' },
    4007: { name: 'Unsupported Protocol Version', action: 'stop' },
    4008: { name: 'No Protocol Version Supplied', action: 'stop' },
    4009: {
      name: 'Connection Is Unauthorized',
      action: 'policy',
      policyKind: 'auth',
      advice: /* @__PURE__ */ advice(
        [
          'Pusher closed the connection because it was not authorized, for example not signed in within the time an app with authorized connections allows.',
          'Shortly after connecting, when user authentication (pusher:signin) fails or comes too late.',
          "Check the user authentication endpoint and sign in right after connecting. closewise's own choice: where pusher-js stops, it treats 4009 as an auth policy close, so with auth.refresh it tries once more with new credentials.",
        ],
        [
          'Pusher, bağlantı yetkilendirilmediği için bağlantıyı kapattı; örneğin yetkili bağlantı gerektiren bir uygulamada izin verilen süre içinde oturum açılmadığında.',
          'Bağlandıktan kısa süre sonra; kullanıcı kimlik doğrulaması (pusher:signin) başarısız olduğunda ya da geç kaldığında.',
          "Kullanıcı kimlik doğrulama uç noktasını kontrol edin ve bağlandıktan hemen sonra oturum açın. closewise'ın kendi tercihi: pusher-js bu kodda dururken closewise 4009'u kimlik doğrulamayla ilgili bir policy kapanışı sayar; auth.refresh tanımlıysa yeni kimlik bilgileriyle bir kez daha dener.",
        ],
      ),
    },
    4100: { name: 'Over Capacity', action: 'slow-down' },
    4200: { name: 'Generic Reconnect', action: 'reconnect' },
    4201: { name: 'Pong Not Received', action: 'reconnect' },
    4202: { name: 'Closed After Inactivity', action: 'reconnect' },
  },
  'pusher',
);

const discordResume = /* @__PURE__ */ advice(
  [
    'The Discord gateway closed the session with a code after which you may reconnect and resume.',
    'After an unknown error, an invalid opcode or payload, a payload sent before identifying, or a second identify.',
    'closewise reconnects. If you have a session, send Resume with its session_id and last sequence number to the resume_gateway_url; if not, or if the gateway answers Invalid Session, send Identify. Fix the payload if the same code repeats.',
  ],
  [
    'Discord gateway oturumu, yeniden bağlanıp oturumu sürdürebileceğiniz (resume) bir kodla kapattı.',
    'Bilinmeyen bir hatadan, geçersiz bir opcode ya da yükten, kimlik bildirmeden (Identify) önce gönderilen bir yükten ya da ikinci bir Identify mesajından sonra.',
    'closewise yeniden bağlanır. Bir oturumunuz varsa resume_gateway_url adresine, oturumun session_id değeri ve son sıra numarasıyla Resume gönderin; oturum yoksa ya da gateway Invalid Session yanıtı verirse Identify gönderin. Aynı kod tekrarlanırsa gönderdiğiniz yükü düzeltin.',
  ],
);
const discordNewSession = /* @__PURE__ */ advice(
  [
    'The Discord gateway ended the session: you may reconnect, but must start a new session, since this one cannot be resumed.',
    'After a Resume with an invalid sequence number (4007), or when the session timed out (4009).',
    'closewise reconnects; on the new connection send Identify, not Resume, to the URL from Get Gateway rather than resume_gateway_url.',
  ],
  [
    'Discord gateway oturumu sonlandırdı: yeniden bağlanabilirsiniz ama bu oturum sürdürülemeyeceği için yeni bir oturum açmalısınız.',
    'Geçersiz bir sıra numarasıyla gönderilen Resume mesajından (4007) sonra ya da oturum zaman aşımına uğradığında (4009).',
    "closewise yeniden bağlanır; yeni bağlantıda Resume değil Identify gönderin ve resume_gateway_url yerine Get Gateway'den aldığınız adrese bağlanın.",
  ],
);
const discordFatal = /* @__PURE__ */ advice(
  [
    'The Discord gateway closed the session with a code after which Discord says not to reconnect.',
    'With a bad bot token, a wrong shard setup, an invalid API version, or intents the bot may not use.',
    'Fix the token, shard configuration, API version or intents in the developer portal before connecting again. closewise stops, as Discord asks.',
  ],
  [
    "Discord gateway oturumu, Discord'un yeniden bağlanılmamasını istediği bir kodla kapattı.",
    "Bot token'ı hatalı olduğunda, shard yapılandırması yanlış olduğunda, API sürümü geçersiz olduğunda ya da bot kullanma izni olmayan intent'ler istediğinde.",
    "Yeniden bağlanmadan önce token'ı, shard yapılandırmasını, API sürümünü ya da geliştirici portalındaki intent ayarlarını düzeltin. closewise, Discord'un istediği gibi, durur.",
  ],
);

/**
 * Discord gateway close codes 4000-4014, following Discord's reconnect table: 4007 and 4009 need a
 * new session (Identify), the other reconnect codes allow a Resume. For the voice gateway's own
 * codes, use `discordVoice`.
 *
 * @example
 * ```ts
 * import { discord } from 'closewise/registry';
 * classifyClose({ code: 4004 }, { codes: [discord] }).action; // 'stop'
 * ```
 */
export const discord: CodeMap = /* @__PURE__ */ defineCodes(
  {
    4000: { name: 'Unknown Error', action: 'reconnect', advice: discordResume },
    4001: { name: 'Unknown Opcode', action: 'reconnect', advice: discordResume },
    4002: { name: 'Decode Error', action: 'reconnect', advice: discordResume },
    4003: { name: 'Not Authenticated', action: 'reconnect', advice: discordResume },
    4004: { name: 'Authentication Failed', action: 'stop', advice: discordFatal },
    4005: { name: 'Already Authenticated', action: 'reconnect', advice: discordResume },
    4007: { name: 'Invalid Sequence', action: 'reconnect', advice: discordNewSession },
    4008: {
      name: 'Rate Limited',
      action: 'slow-down',
      advice: /* @__PURE__ */ advice(
        [
          'The Discord gateway closed the session because the client sent payloads too quickly.',
          'When the app sends gateway commands faster than the gateway rate limit allows.',
          "Send fewer gateway commands. Discord allows reconnecting; closewise's own choice is to wait at least 30 s first, so the next session does not hit the limit again right away. Then send Resume.",
        ],
        [
          'İstemci çok hızlı yük gönderdiği için Discord gateway oturumu kapattı.',
          'Uygulama gateway komutlarını hız sınırının izin verdiğinden daha hızlı gönderdiğinde.',
          "Daha az gateway komutu gönderin. Discord yeniden bağlanmaya izin verir; closewise'ın kendi tercihi önce en az 30 sn beklemektir, böylece yeni oturum hemen yine sınıra takılmaz. Ardından Resume gönderin.",
        ],
      ),
    },
    4009: { name: 'Session Timed Out', action: 'reconnect', advice: discordNewSession },
    4010: { name: 'Invalid Shard', action: 'stop', advice: discordFatal },
    4011: { name: 'Sharding Required', action: 'stop', advice: discordFatal },
    4012: { name: 'Invalid API Version', action: 'stop', advice: discordFatal },
    4013: { name: 'Invalid Intents', action: 'stop', advice: discordFatal },
    4014: { name: 'Disallowed Intents', action: 'stop', advice: discordFatal },
  },
  'discord',
);

const voiceClientBug = /* @__PURE__ */ advice(
  [
    'The Discord voice gateway closed the connection because the client sent something it does not accept.',
    'After an unknown opcode, a payload it cannot decode, a payload before Identify, a second Identify, an unknown protocol or encryption mode, or a malformed request.',
    "Fix what the client sends; the same payload would be refused again. Discord's voice table gives no reconnect advice for these codes; closewise stops, as discord.js's voice client does.",
  ],
  [
    "Discord ses gateway'i, istemci kabul etmediği bir şey gönderdiği için bağlantıyı kapattı.",
    "Bilinmeyen bir opcode'dan, çözülemeyen bir yükten, Identify'dan önce gönderilen bir yükten, ikinci bir Identify mesajından, tanınmayan bir protokol ya da şifreleme modundan veya hatalı bir istekten sonra.",
    "İstemcinin gönderdiğini düzeltin; aynı yük yine reddedilir. Discord'un ses gateway'ine ait kod tablosu bu kodlar için yeniden bağlanma önerisi vermez; closewise, discord.js'in ses istemcisi gibi, durur.",
  ],
);
const voiceNewSession = /* @__PURE__ */ advice(
  [
    'The voice session is over: a new voice connection is needed, which only the main gateway can start.',
    'When the voice session is no longer valid (4006) or has timed out (4009), when the voice server cannot be found (4011), or the token is wrong (4004).',
    "Send a Voice State Update on the main gateway and connect to the endpoint and token from the Voice Server Update it returns. closewise stops, since reconnecting to the same endpoint with the same session cannot work; discord.js's voice client does the same.",
  ],
  [
    'Ses oturumu sona erdi: yeni bir ses bağlantısı gerekiyor ve bunu yalnızca ana gateway başlatabilir.',
    'Ses oturumu artık geçerli olmadığında (4006) ya da zaman aşımına uğradığında (4009), ses sunucusu bulunamadığında (4011) veya token yanlış olduğunda (4004).',
    "Ana gateway üzerinden Voice State Update gönderin ve yanıt olarak gelen Voice Server Update'teki adres ve token ile bağlanın. Aynı adrese aynı oturumla yeniden bağlanmak işe yaramayacağı için closewise durur; discord.js'in ses istemcisi de böyle yapar.",
  ],
);
const voiceDoNotReconnect = /* @__PURE__ */ advice(
  [
    'The Discord voice gateway disconnected the client and says it should not reconnect.',
    'When the client was kicked or its main gateway session dropped (4014), after a rate limit (4021), or when the call ended: the channel was deleted or the voice server changed (4022).',
    'Join again through the main gateway if the user still wants to be in a call. closewise stops, as Discord asks.',
  ],
  [
    "Discord ses gateway'i istemcinin bağlantısını kesti ve istemcinin yeniden bağlanmaması gerektiğini belirtiyor.",
    'İstemci kanaldan atıldığında ya da ana gateway oturumu düştüğünde (4014), hız sınırı aşıldıktan sonra (4021) veya görüşme sona erdiğinde, yani kanal silindiğinde ya da ses sunucusu değiştiğinde (4022).',
    "Kullanıcı hâlâ görüşmede olmak istiyorsa ana gateway üzerinden yeniden katılın. closewise, Discord'un istediği gibi, durur.",
  ],
);

/**
 * Close codes of the Discord voice gateway (4001-4022), which differ from the main gateway's
 * (`discord`): only 4015, a crashed voice server, is worth a reconnect and Resume.
 *
 * @example
 * ```ts
 * import { discordVoice } from 'closewise/registry';
 * classifyClose({ code: 4015 }, { codes: [discordVoice] }).action; // 'reconnect'
 * ```
 */
export const discordVoice: CodeMap = /* @__PURE__ */ defineCodes(
  {
    4001: { name: 'Unknown Opcode', action: 'stop', advice: voiceClientBug },
    4002: { name: 'Failed To Decode Payload', action: 'stop', advice: voiceClientBug },
    4003: { name: 'Not Authenticated', action: 'stop', advice: voiceClientBug },
    4004: { name: 'Authentication Failed', action: 'stop', advice: voiceNewSession },
    4005: { name: 'Already Authenticated', action: 'stop', advice: voiceClientBug },
    4006: { name: 'Session No Longer Valid', action: 'stop', advice: voiceNewSession },
    4009: { name: 'Session Timeout', action: 'stop', advice: voiceNewSession },
    4011: { name: 'Server Not Found', action: 'stop', advice: voiceNewSession },
    4012: { name: 'Unknown Protocol', action: 'stop', advice: voiceClientBug },
    4014: { name: 'Disconnected', action: 'stop', advice: voiceDoNotReconnect },
    4015: {
      name: 'Voice Server Crashed',
      action: 'reconnect',
      advice: /* @__PURE__ */ advice(
        [
          'The voice server crashed; Discord asks the client to resume.',
          'During an incident on the Discord voice server that hosts the call.',
          'Nothing to fix. closewise reconnects; send Resume with the server_id, session_id and token of the voice session.',
        ],
        [
          'Ses sunucusu çöktü; Discord istemciden oturumu sürdürmesini (Resume) istiyor.',
          'Görüşmeyi barındıran Discord ses sunucusunda bir sorun yaşandığında.',
          'Düzeltilecek bir şey yok. closewise yeniden bağlanır; ses oturumunun server_id, session_id ve token bilgileriyle Resume gönderin.',
        ],
      ),
    },
    4016: { name: 'Unknown Encryption Mode', action: 'stop', advice: voiceClientBug },
    4017: {
      name: 'E2EE/DAVE Protocol Required',
      action: 'stop',
      advice: /* @__PURE__ */ advice(
        [
          'The voice channel requires end-to-end encryption with the DAVE protocol, which the client did not offer.',
          'When a client without DAVE support joins a channel that requires it.',
          'Use a voice client that supports the DAVE protocol. closewise stops: the same client would be refused again.',
        ],
        [
          'Ses kanalı DAVE protokolüyle uçtan uca şifreleme gerektiriyor; istemci ise bunu sunmadı.',
          'DAVE desteği olmayan bir istemci, bu desteği zorunlu tutan bir kanala katıldığında.',
          'DAVE protokolünü destekleyen bir ses istemcisi kullanın. Aynı istemci yine reddedileceği için closewise durur.',
        ],
      ),
    },
    4020: { name: 'Bad Request', action: 'stop', advice: voiceClientBug },
    4021: { name: 'Disconnected: Rate Limited', action: 'stop', advice: voiceDoNotReconnect },
    4022: { name: 'Disconnected: Call Terminated', action: 'stop', advice: voiceDoNotReconnect },
  },
  'discord-voice',
);

/**
 * Every built-in profile, by id.
 *
 * @example
 * ```ts
 * const codes = profiles[serverKind]; // 'graphql-ws' | 'centrifugo' | 'pusher' | 'discord' | 'discord-voice'
 * new ResilientSocket(url, { codes });
 * ```
 */
export const profiles: Readonly<Record<string, CodeMap>> = {
  'graphql-ws': graphqlWs,
  centrifugo,
  pusher,
  discord,
  'discord-voice': discordVoice,
};
