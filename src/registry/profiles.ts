import { defineCodes } from './define.js';
import type { AdviceText, CodeAdvice, CodeMap } from './types.js';

function advice(en: [string, string, string], tr: [string, string, string]): CodeAdvice {
  const text = ([description, whenYouSee, howToFix]: [string, string, string]): AdviceText => ({
    description,
    whenYouSee,
    howToFix,
  });
  return { en: text(en), tr: text(tr) };
}

/**
 * Close codes of the graphql-ws protocol (GraphQL over WebSocket, `graphql-transport-ws`).
 *
 * @example
 * ```ts
 * import { graphqlWs } from 'closewise/registry';
 * new ResilientSocket(url, { codes: graphqlWs, protocols: 'graphql-transport-ws' });
 * ```
 */
export const graphqlWs: CodeMap = defineCodes(
  {
    4400: {
      name: 'Bad Request',
      action: 'stop',
      advice: advice(
        [
          'The server could not parse or validate a graphql-ws message.',
          'After a client sends a malformed message or messages in the wrong order.',
          'Check the client and server graphql-ws versions and that only the library writes to the socket.',
        ],
        [
          'Sunucu bir graphql-ws mesajını ayrıştıramadı ya da doğrulayamadı.',
          'İstemci bozuk ya da yanlış sırada mesaj gönderdikten sonra.',
          'İstemci ve sunucudaki graphql-ws sürümlerini ve sokete yalnızca kütüphanenin yazdığını kontrol edin.',
        ],
      ),
    },
    4401: {
      name: 'Unauthorized',
      action: 'policy',
      policyKind: 'auth',
      advice: advice(
        [
          'The server rejected the connection because the client is not authenticated.',
          'When a subscription is sent before connection_ack, or the connection_init payload lacks a valid token.',
          'Send a valid token in connection_init and wait for connection_ack; refresh the token with auth.refresh.',
        ],
        [
          'Sunucu, istemci kimliğini doğrulamadığı için bağlantıyı reddetti.',
          'connection_ack gelmeden abonelik gönderildiğinde ya da connection_init yükünde geçerli bir jeton olmadığında.',
          "connection_init içinde geçerli bir jeton gönderin ve connection_ack'i bekleyin; jetonu auth.refresh ile yenileyin.",
        ],
      ),
    },
    4403: {
      name: 'Forbidden',
      action: 'stop',
      advice: advice(
        [
          'The server authenticated the client but does not allow this connection.',
          'When the user lacks permission for the GraphQL endpoint.',
          "Check the user's permissions on the server; retrying will not change them.",
        ],
        [
          'Sunucu istemcinin kimliğini doğruladı ama bu bağlantıya izin vermiyor.',
          'Kullanıcının GraphQL uç noktası için izni olmadığında.',
          'Sunucuda kullanıcının izinlerini kontrol edin; yeniden denemek onları değiştirmez.',
        ],
      ),
    },
    4406: {
      name: 'Subprotocol Not Acceptable',
      action: 'stop',
      advice: advice(
        [
          'The client did not ask for the graphql-transport-ws subprotocol.',
          'When the protocols option is missing or names the legacy subscriptions-transport-ws protocol.',
          "Pass protocols: 'graphql-transport-ws' and use matching client and server libraries.",
        ],
        [
          'İstemci graphql-transport-ws alt protokolünü istemedi.',
          'protocols seçeneği eksik olduğunda ya da eski subscriptions-transport-ws protokolünü adlandırdığında.',
          "protocols: 'graphql-transport-ws' verin ve uyumlu istemci ve sunucu kütüphaneleri kullanın.",
        ],
      ),
    },
    4408: {
      name: 'Connection Initialisation Timeout',
      action: 'reconnect',
      advice: advice(
        [
          'The client did not send connection_init in time.',
          'When an onOpen hook or a slow token fetch delays the init message.',
          "Send connection_init right after open, or raise the server's connectionInitWaitTimeout.",
        ],
        [
          'İstemci connection_init mesajını zamanında göndermedi.',
          'Bir onOpen kancası ya da yavaş bir jeton alımı init mesajını geciktirdiğinde.',
          "connection_init'i açılıştan hemen sonra gönderin ya da sunucunun connectionInitWaitTimeout değerini yükseltin.",
        ],
      ),
    },
    4409: {
      name: 'Subscriber Already Exists',
      action: 'stop',
      advice: advice(
        [
          'The client started a subscription with an id that is already in use.',
          'When the client reuses operation ids, for example after a faulty retry.',
          'Generate a unique id for every operation.',
        ],
        [
          'İstemci zaten kullanımda olan bir kimlikle abonelik başlattı.',
          'İstemci işlem kimliklerini yeniden kullandığında, örneğin hatalı bir yeniden denemeden sonra.',
          'Her işlem için benzersiz bir kimlik üretin.',
        ],
      ),
    },
    4429: {
      name: 'Too Many Initialisation Requests',
      action: 'stop',
      advice: advice(
        [
          'The client sent connection_init more than once on the same connection.',
          'When app code and the library both send the init message.',
          'Send connection_init exactly once per connection.',
        ],
        [
          'İstemci aynı bağlantıda connection_init mesajını birden fazla kez gönderdi.',
          'Hem uygulama kodu hem kütüphane init mesajını gönderdiğinde.',
          'Her bağlantıda connection_init mesajını tam bir kez gönderin.',
        ],
      ),
    },
    4500: {
      name: 'Internal Server Error',
      action: 'reconnect',
      advice: advice(
        [
          'The GraphQL server failed while handling the connection.',
          'When a resolver or the onConnect hook throws.',
          'Check the server logs; closewise retries with backoff, since the next attempt may succeed.',
        ],
        [
          'GraphQL sunucusu bağlantıyı işlerken hata verdi.',
          'Bir resolver ya da onConnect kancası istisna fırlattığında.',
          'Sunucu günlüklerini kontrol edin; closewise geri çekilerek yeniden dener.',
        ],
      ),
    },
  },
  'graphql-ws',
);

const centrifugoReconnect = advice(
  [
    'Centrifugo disconnected the client with a code that allows reconnecting.',
    'During server shutdowns, expired connections, slow consumers or forced reconnects.',
    'Usually nothing: closewise reconnects with backoff. Check the Centrifugo logs if it repeats.',
  ],
  [
    'Centrifugo istemcinin bağlantısını yeniden bağlanmaya izin veren bir kodla kesti.',
    'Sunucu kapanırken, süresi dolan bağlantılarda, yavaş tüketicilerde ya da zorunlu yeniden bağlanmalarda.',
    'Genellikle bir şey gerekmez: closewise geri çekilerek yeniden bağlanır. Tekrarlarsa Centrifugo günlüklerine bakın.',
  ],
);
const centrifugoTerminal = advice(
  [
    'Centrifugo disconnected the client and asked it not to reconnect.',
    'After an invalid token, a bad request, a connection or channel limit, or a forced disconnect.',
    'Fix the cause named by the code (token, permissions, limits) before connecting again.',
  ],
  [
    'Centrifugo istemcinin bağlantısını kesti ve yeniden bağlanmamasını istedi.',
    'Geçersiz bir jeton, hatalı bir istek, bir bağlantı ya da kanal sınırı veya zorunlu bir kopmadan sonra.',
    'Yeniden bağlanmadan önce kodun belirttiği nedeni (jeton, izinler, sınırlar) düzeltin.',
  ],
);

/**
 * Disconnect codes of Centrifugo (v4 and later): 3000-3499 reconnect, 3500-3999 are terminal.
 *
 * @example
 * ```ts
 * import { centrifugo } from 'closewise/registry';
 * classifyClose({ code: 3500 }, { codes: [centrifugo] }).name; // 'Invalid Token'
 * ```
 */
export const centrifugo: CodeMap = defineCodes(
  {
    '3000-3499': { name: 'Centrifugo reconnect', action: 'reconnect', advice: centrifugoReconnect },
    '3500-3999': { name: 'Centrifugo terminal', action: 'stop', advice: centrifugoTerminal },
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
    3013: { name: 'Too Many Requests', action: 'slow-down', advice: centrifugoReconnect },
    3500: { name: 'Invalid Token', action: 'policy', policyKind: 'auth', advice: centrifugoTerminal },
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

/**
 * Pusher Channels close codes: 4000-4099 do not reconnect, 4100-4199 back off, 4200-4299
 * reconnect at once.
 *
 * @example
 * ```ts
 * import { pusher } from 'closewise/registry';
 * classifyClose({ code: 4100 }, { codes: [pusher] }).action; // 'slow-down'
 * ```
 */
export const pusher: CodeMap = defineCodes(
  {
    '4000-4099': {
      name: 'Pusher error (do not reconnect)',
      action: 'stop',
      advice: advice(
        [
          'Pusher refused the connection for a reason that a retry cannot fix.',
          'With a wrong app key, a disabled app, an exceeded connection quota or an unsupported protocol version.',
          'Check the app key, cluster and plan limits in the Pusher dashboard.',
        ],
        [
          'Pusher bağlantıyı yeniden denemenin düzeltemeyeceği bir nedenle reddetti.',
          'Yanlış bir uygulama anahtarı, devre dışı bir uygulama, aşılan bağlantı kotası ya da desteklenmeyen protokol sürümüyle.',
          'Pusher panelinde uygulama anahtarını, kümeyi (cluster) ve plan sınırlarını kontrol edin.',
        ],
      ),
    },
    '4100-4199': {
      name: 'Pusher over capacity (back off)',
      action: 'slow-down',
      advice: advice(
        [
          'Pusher is over capacity and asks the client to back off before reconnecting.',
          'During load peaks on the Pusher cluster.',
          'Nothing to fix in the client: closewise waits at least 30 seconds.',
        ],
        [
          'Pusher kapasitesinin üzerinde ve istemciden yeniden bağlanmadan önce geri çekilmesini istiyor.',
          'Pusher kümesindeki yük zirvelerinde.',
          'İstemcide düzeltilecek bir şey yok: closewise en az 30 saniye bekler.',
        ],
      ),
    },
    '4200-4299': {
      name: 'Pusher reconnect',
      action: 'reconnect',
      advice: advice(
        [
          'Pusher closed the connection and asks the client to reconnect at once.',
          'After a missed pong or a long period of inactivity.',
          'Nothing to fix; closewise reconnects.',
        ],
        [
          'Pusher bağlantıyı kapattı ve istemciden hemen yeniden bağlanmasını istiyor.',
          'Kaçırılan bir pong ya da uzun bir etkinliksizlik süresinden sonra.',
          'Düzeltilecek bir şey yok; closewise yeniden bağlanır.',
        ],
      ),
    },
    4001: { name: 'App Does Not Exist', action: 'stop' },
    4003: { name: 'App Disabled', action: 'stop' },
    4004: { name: 'Over Connection Quota', action: 'stop' },
    4009: { name: 'Unauthorized Connection', action: 'policy', policyKind: 'auth' },
    4100: { name: 'Over Capacity', action: 'slow-down' },
    4200: { name: 'Generic Reconnect', action: 'reconnect' },
    4201: { name: 'Pong Not Received', action: 'reconnect' },
    4202: { name: 'Closed After Inactivity', action: 'reconnect' },
  },
  'pusher',
);

const discordRetry = advice(
  [
    'The Discord gateway closed the session with a code after which reconnecting is allowed.',
    'After an unknown error, a bad payload, a rate limit or a session timeout.',
    'Reconnect (and resume if you can); fix the payload if it repeats.',
  ],
  [
    'Discord gateway, oturumu yeniden bağlanmaya izin veren bir kodla kapattı.',
    'Bilinmeyen bir hatadan, bozuk bir yükten, bir hız sınırından ya da oturum zaman aşımından sonra.',
    'Yeniden bağlanın (mümkünse oturumu sürdürün); tekrarlarsa yükü düzeltin.',
  ],
);
const discordFatal = advice(
  [
    'The Discord gateway closed the session with a code after which reconnecting will not help.',
    'With a bad bot token, a wrong shard setup, an old API version or intents the bot may not use.',
    'Fix the token, shard configuration, API version or intents in the developer portal before connecting again.',
  ],
  [
    'Discord gateway, oturumu yeniden bağlanmanın işe yaramayacağı bir kodla kapattı.',
    'Hatalı bir bot jetonu, yanlış bir shard kurulumu, eski bir API sürümü ya da botun kullanamayacağı intent değerleriyle.',
    'Yeniden bağlanmadan önce jetonu, shard yapılandırmasını, API sürümünü ya da geliştirici portalındaki intent ayarlarını düzeltin.',
  ],
);

/**
 * Discord gateway close codes 4000-4014, following Discord's reconnect yes/no table.
 *
 * @example
 * ```ts
 * import { discord } from 'closewise/registry';
 * classifyClose({ code: 4004 }, { codes: [discord] }).action; // 'stop'
 * ```
 */
export const discord: CodeMap = defineCodes(
  {
    4000: { name: 'Unknown Error', action: 'reconnect', advice: discordRetry },
    4001: { name: 'Unknown Opcode', action: 'reconnect', advice: discordRetry },
    4002: { name: 'Decode Error', action: 'reconnect', advice: discordRetry },
    4003: { name: 'Not Authenticated', action: 'reconnect', advice: discordRetry },
    4004: { name: 'Authentication Failed', action: 'stop', advice: discordFatal },
    4005: { name: 'Already Authenticated', action: 'reconnect', advice: discordRetry },
    4007: { name: 'Invalid Sequence', action: 'reconnect', advice: discordRetry },
    4008: { name: 'Rate Limited', action: 'slow-down', advice: discordRetry },
    4009: { name: 'Session Timed Out', action: 'reconnect', advice: discordRetry },
    4010: { name: 'Invalid Shard', action: 'stop', advice: discordFatal },
    4011: { name: 'Sharding Required', action: 'stop', advice: discordFatal },
    4012: { name: 'Invalid API Version', action: 'stop', advice: discordFatal },
    4013: { name: 'Invalid Intents', action: 'stop', advice: discordFatal },
    4014: { name: 'Disallowed Intents', action: 'stop', advice: discordFatal },
  },
  'discord',
);

/**
 * Every built-in profile, by id.
 *
 * @example
 * ```ts
 * const codes = profiles[serverKind]; // 'graphql-ws' | 'centrifugo' | 'pusher' | 'discord'
 * new ResilientSocket(url, { codes });
 * ```
 */
export const profiles: Readonly<Record<string, CodeMap>> = {
  'graphql-ws': graphqlWs,
  centrifugo,
  pusher,
  discord,
};
