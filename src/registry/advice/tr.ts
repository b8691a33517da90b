import type { Locale } from '../types.js';

/**
 * Turkish advice (Türkçe). Import it only where you need it, so other apps do not bundle it.
 *
 * @example
 * ```ts
 * import { describeClose } from 'closewise';
 * import { tr } from 'closewise/locales/tr';
 * describeClose(1014, tr).howToFix;
 * ```
 */
export const tr: Locale = {
  id: 'tr',
  codes: {
    1000: {
      description: 'Bağlantı amacını tamamladı ve taraflardan biri onu bilerek kapattı.',
      whenYouSee:
        'Uygulamanız close() çağırdığında ya da sunucu oturumu olağan şekilde bitirdiğinde. Pek çok sunucu ve proxy, örneğin bir dağıtım sırasında, istemcinin yeniden bağlanmasını istediğinde de 1000 gönderir.',
      howToFix:
        'Bağlantıyı uygulamanız kapattıysa düzeltilecek bir şey yok. Sunucu beklenmedik şekilde gönderdiyse oturumu neden bitirdiğini sunucu günlüklerinden kontrol edin; sunucular çoğu zaman "yeniden bağlan" demek istediği için closewise varsayılan olarak yeniden bağlanır.',
    },
    1001: {
      description: 'Uç noktalardan biri ayrılıyor: kapanan bir sunucu ya da başka sayfaya geçen bir tarayıcı sekmesi.',
      whenYouSee: 'Dağıtımlar, kademeli yeniden başlatmalar ve ölçek küçültmeler sırasında ya da sayfa kapanırken.',
      howToFix:
        'Genellikle bir şey gerekmez: yeniden bağlanınca başka bir sunucu örneğine ulaşılır. Sürekli oluyorsa yük dengeleyicinizin örnekleri durdurmadan önce bağlantıları boşalttığını kontrol edin.',
    },
    1002: {
      description: 'Uç noktalardan biri WebSocket protokolünü çiğneyen bir çerçeve aldı.',
      whenYouSee:
        'Hatalı bir istemci ya da sunucu kütüphanesiyle, çerçeveleri yeniden yazan bir proxy ile veya maskeleme ve parçalama hatalarında. Tarayıcılarda nadirdir.',
      howToFix:
        'Trafiği kaydedin (tarayıcı geliştirici araçları ya da bir proxy ile) ve iki taraftaki kütüphane sürümlerini karşılaştırın. Protokol hatası kendiliğinden düzelmediği için closewise birkaç kez dener, sonra durur.',
    },
    1003: {
      description: 'Uç noktalardan biri kabul edemediği türde veri aldı; örneğin metin beklerken ikili veri.',
      whenYouSee: 'Yalnızca metin kabul eden bir sunucuya ikili çerçeve gönderdikten hemen sonra ya da tersi durumda.',
      howToFix:
        "Sunucunun beklediği veri türünü gönderin (binaryType ayarını ve send()'e verdiğiniz değeri kontrol edin). Yeniden bağlanmak yalnızca hatayı tekrarlar; bu yüzden closewise durur.",
    },
    1004: {
      description: 'Protokol tarafından ayrılmıştır; hiçbir uç nokta bu kodu göndermemelidir.',
      whenYouSee: 'Yalnızca kodu yanlışlıkla seçen, kurallara uymayan bir sunucu ya da kütüphaneden.',
      howToFix:
        'Sunucuyu işleten ekibe bildirin: tanımlı bir kod kullanmalı. closewise bunu geçici sayar ama birkaç tekrardan sonra durur.',
    },
    1005: {
      description: 'Kapanış çerçevesinde durum kodu yoktu. Bu kod ağda asla gönderilmez; onu tarayıcı bildirir.',
      whenYouSee:
        'Sunucu bağlantıyı kodsuz ama düzgünce kapattığında ya da bir proxy kapanışı iletirken kodu düşürdüğünde.',
      howToFix:
        "Sunucunun açık bir kod göndermesini sağlayın ve proxy'lerin kapanış çerçevelerini değiştirmeden ilettiğini kontrol edin. Kod göndermeyen sunucuların çoğu bunu beklediği için closewise yeniden bağlanır.",
    },
    1006: {
      description:
        'Bağlantı kapanış çerçevesi olmadan kapandı. Bu kod ağda asla gönderilmez; bağlantı koptuğunda ya da el sıkışma başarısız olduğunda tarayıcı bildirir.',
      whenYouSee:
        "Ağ kopmasından, sunucu çökmesinden, bir proxy'deki boşta kalma zaman aşımından ya da reddedilen bir el sıkışmadan sonra: tarayıcı, yükseltme isteğine verilen HTTP 401, 403, 429 ve 502 yanıtlarını 1006'nın arkasına gizler.",
      howToFix:
        "Bağlantı hiç açılmadan oluyorsa yükseltme isteğine verilen HTTP yanıtını sunucu ya da proxy günlüklerinde inceleyin (kimlik doğrulama, origin, yönlendirme). Daha sonra oluyorsa proxy'lerdeki boşta kalma zaman aşımlarını kontrol edin ve bir heartbeat (canlılık sinyali) eklemeyi düşünün.",
    },
    1007: {
      description:
        'Uç noktalardan biri mesaj türüyle uyuşmayan veri aldı; örneğin bir metin çerçevesinde geçersiz UTF-8.',
      whenYouSee:
        'İkili veriden üretilmiş metni ya da bozuk vekil çiftleri (surrogate pair) içeren bir dizeyi gönderdikten sonra.',
      howToFix:
        'Göndermeden önce yükü doğrulayın ya da kodlayın (ikili veriyi dize olarak değil ArrayBuffer olarak gönderin). Yeniden denemek aynı veriyi gönderir; bu yüzden closewise durur.',
    },
    1008: {
      description:
        'Sunucu, bir mesaj ya da bağlantının kendisi politikasını çiğnediği için bağlantıyı kapattı. "Buna izniniz yok" demenin genel kodudur.',
      whenYouSee:
        'Bir hız sınırını (rate limit) aştığınızda, kimlik doğrulama jetonunuzun (token) süresi el sıkışmadan sonra dolduğunda, yasaklı içerik gönderdiğinizde ya da göremeyeceğiniz bir kanala abone olduğunuzda veya origin izinli olmadığında.',
      howToFix:
        'Sunucunun politikasını ve günlüklerinizdeki kapanış nedenini kontrol edin. Süresi dolmuş bir jetonu yenileyip bir kez yeniden bağlanın; hız sınırında retry-after ipucu kadar bekleyip daha az gönderin; yasaklı içerikte uygulamanın gönderdiğini düzeltin. Körü körüne yeniden bağlanmak ihlali tekrarlar.',
    },
    1009: {
      description: 'Bir mesaj, karşı uç noktanın kabul ettiğinden büyüktü.',
      whenYouSee: 'Büyük bir yük gönderdikten sonra ya da sunucu istemci sınırından büyük bir mesaj ittiğinde.',
      howToFix:
        "Büyük mesajları bölün ya da sıkıştırın veya sunucudaki boyut sınırını yükseltin (örneğin ws'nin maxPayload ayarı). Yeniden bağlanmak aynı mesajı yeniden gönderir; bu yüzden closewise durur.",
    },
    1010: {
      description: 'İstemci, sunucunun el sıkışma sırasında kabul etmediği bir WebSocket uzantısını zorunlu tuttu.',
      whenYouSee: 'Yalnızca permessage-deflate gibi bir uzantıda ısrar eden, tarayıcı dışı istemcilerde.',
      howToFix: 'Uzantıyı sunucuda etkinleştirin ya da istemcide zorunlu olmaktan çıkarın.',
    },
    1011: {
      description: 'Sunucu beklenmedik bir durumla karşılaştı ve devam edemedi.',
      whenYouSee:
        'Sunucu işleyicisinden bir istisna kaçtığında ya da sunucunun ihtiyaç duyduğu bir bağımlılık çöktüğünde.',
      howToFix:
        'Kapanış zamanına yakın sunucu hata günlüklerine bakın. Sonraki deneme sağlıklı bir örneğe ulaşabileceği için closewise geri çekilerek (backoff) yeniden bağlanır.',
    },
    1012: {
      description: 'Sunucu yeniden başlıyor ve istemcilerden kısa süre sonra geri gelmelerini istiyor.',
      whenYouSee: 'Dağıtımlar ve planlı yeniden başlatmalar sırasında.',
      howToFix:
        'Düzeltilecek bir şey yok. Tüm istemciler aynı anda dönmesin diye closewise yeniden bağlanmadan önce rastgele 5-30 saniye bekler.',
    },
    1013: {
      description: 'Sunucu aşırı yüklü ya da geçici olarak hizmet veremiyor; daha sonra yeniden deneyin.',
      whenYouSee: 'Trafik zirvelerinde, sunucu yük attığında ya da bir bağlantı sınırına ulaştığında.',
      howToFix:
        'Geri çekilin: closewise en az 30 saniye, her tekrarda daha uzun bekler. Sürerse sunucuya kapasite ekleyin ya da bağlantı sınırlarını yükseltin ve kullanıcılara hizmetin yoğun olduğunu söyleyin.',
    },
    1014: {
      description:
        'Sunucunun önündeki bir ağ geçidi (gateway) ya da proxy, arkadaki (upstream) sunucudan geçersiz yanıt aldı ya da hiç yanıt alamadı.',
      whenYouSee:
        "Arkadaki WebSocket hizmeti çöktüğünde, yeniden başlarken ya da proxy'den erişilemediğinde veya proxy yükseltme isteğini yanlış yere yönlendirdiğinde.",
      howToFix:
        "Önce arkadaki hizmetin sağlığını, sonra proxy'yi kontrol edin: Upgrade ve Connection başlıklarını iletiyor mu, WebSocket yolunu doğru makineye ve porta yönlendiriyor mu, upstream zaman aşımları uygun mu. Arkadaki hizmet toparlanabileceği için closewise geri çekilerek yeniden bağlanır.",
    },
    1015: {
      description: 'TLS el sıkışması başarısız oldu. Bu kod ağda asla gönderilmez; onu tarayıcı bildirir.',
      whenYouSee:
        'Bir wss:// uç noktasında süresi dolmuş, kendinden imzalı ya da ana makine adıyla uyuşmayan bir sertifika olduğunda.',
      howToFix:
        "wss:// uç noktasının sertifika zincirini ve ana makine adını kontrol edin (URL'nin https:// biçimini tarayıcıda açın). closewise bunu 1006 gibi ele alır.",
    },
    3000: {
      description: 'Yetkisiz: sunucu bu bağlantı için geçerli kimlik bilgileri istiyor (IANA kayıtlı).',
      whenYouSee: 'Jeton eksik, geçersiz ya da süresi dolmuş olduğunda; çoğu zaman bağlandıktan kısa süre sonra.',
      howToFix:
        'Kimlik bilgilerini yenileyin ya da yeniden alın ve bir kez yeniden bağlanın. auth.refresh ayarlıysa closewise bunu sizin yerinize yapar.',
    },
    3003: {
      description: 'Yasak: kimlik bilgileri geçerli ama bu kaynağı kullanma izni yok (IANA kayıtlı).',
      whenYouSee: 'Kullanıcının sunucunun istediği bir rolü ya da izni olmadığında.',
      howToFix:
        'Sunucuda kullanıcının ya da hizmet hesabının izinlerini kontrol edin. Yeniden denemek izinleri değiştirmez; bu yüzden closewise durur.',
    },
    3008: {
      description: 'Zaman aşımı: sunucu bağlantıyı bir süre sınırından sonra kapattı (IANA kayıtlı).',
      whenYouSee: 'Bir süre etkinlik olmadığında ya da bir istek çok uzun sürdüğünde.',
      howToFix:
        'Bağlantı uzun süre boşta kalıyorsa heartbeat gönderin ya da sunucudaki zaman aşımını yükseltin. closewise yeniden bağlanır.',
    },
  },
  ranges: {
    'invalid-low': {
      description: "1000'in altındaki kodlar geçerli kapanış kodları değildir; protokol bunları hiç kullanmaz.",
      whenYouSee: 'Kurallara uymayan bir sunucu ya da kütüphaneden; tarayıcı bunları değiştirmeden iletir.',
      howToFix:
        'Sunucuyu geçerli bir kod gönderecek şekilde düzeltin (1000-1015 ya da kendi anlamları için 3000-4999). closewise bunu geçici sayar ama birkaç tekrardan sonra durur.',
    },
    standard: {
      description: 'WebSocket protokolünün kendisinin tanımladığı bir kapanış kodu.',
      whenYouSee: 'Kurallara uyan her sunucu, proxy ya da tarayıcıdan.',
      howToFix: 'Anlamı için kodun kendi açıklamasına bakın.',
    },
    unassigned: {
      description: '1016-2999 arası kodlar protokolün gelecekteki sürümlerine ayrılmıştır ve henüz atanmamıştır.',
      whenYouSee: 'Yalnızca kurallara uymayan bir sunucu ya da kütüphaneden.',
      howToFix:
        'Sunucuyu tanımlı bir kod, uygulamaya özgü anlamlar için de 4000-4999 kullanacak şekilde düzeltin. closewise bunu geçici sayar ama birkaç tekrardan sonra durur.',
    },
    registered: {
      description: "3000-3999 arası kodlar kütüphaneler, çatılar ve hizmetler tarafından IANA'ya kaydedilir.",
      whenYouSee: 'Centrifugo gibi kendi kodlarını tanımlayan bir kütüphane üzerine kurulmuş bir sunucudan.',
      howToFix:
        'Kodu sunucu kütüphanesinin belgelerinde arayın ya da kodun bir adı ve doğru eylemi olsun diye o kütüphanenin closewise profilini yükleyin.',
    },
    private: {
      description: '4000-4999 arası kodlar özel kullanım içindir: anlamlarına her uygulama kendisi karar verir.',
      whenYouSee: 'Kendi sunucunuzdan ya da bu kodları tanımlayan graphql-ws, Pusher veya Discord gibi bir hizmetten.',
      howToFix:
        "Kodu sunucu belgelerinde kontrol edin, sonra anlamını defineCodes() ya da yerleşik bir profille closewise'a öğretin. O zamana kadar geçici sayılır ve birkaç tekrardan sonra durur.",
    },
    'invalid-high': {
      description: '5000 ve üzerindeki kodlar geçerli kapanış kodları değildir.',
      whenYouSee: 'Kurallara uymayan bir sunucu ya da kütüphaneden; tarayıcı bunları değiştirmeden iletir.',
      howToFix:
        'Sunucuyu geçerli bir kod gönderecek şekilde düzeltin. closewise bunu geçici sayar ama birkaç tekrardan sonra durur.',
    },
  },
  labels: {
    headings: { description: 'Anlamı', whenYouSee: 'Ne zaman görülür', howToFix: 'Nasıl düzeltilir' },
    actions: {
      none: 'yapılacak bir şey yok',
      reconnect: 'geri çekilerek yeniden bağlan',
      'reconnect-later': 'rastgele 5-30 sn sonra yeniden bağlan',
      'slow-down': 'uzun süre geri çekil (30 sn ya da daha fazla)',
      policy: 'dur ve uygulamanın harekete geçmesini bekle',
      stop: 'yeniden bağlanmayı bırak',
    },
    ranges: {
      'invalid-low': 'geçersiz (0-999)',
      standard: 'standart (1000-1015)',
      unassigned: 'atanmamış (1016-2999)',
      registered: 'kütüphaneler ve çatılar (3000-3999)',
      private: 'özel kullanım (4000-4999)',
      'invalid-high': 'geçersiz (5000 ve üzeri)',
    },
    policyKinds: {
      auth: 'kimlik doğrulama',
      'rate-limit': 'hız sınırı',
      other: 'politika',
    },
    ui: {
      connecting: 'Bağlanıyor…',
      open: 'Bağlandı',
      backoff: 'Bağlantı koptu. {seconds} sn içinde yeniden denenecek.',
      retryingNow: 'Bağlantı koptu. Şimdi yeniden deneniyor…',
      paused: 'Bağlantı duraklatıldı: işlem gerekiyor.',
      policyAuth: 'Oturumunuzun süresi doldu. Yeniden bağlanmak için tekrar giriş yapın.',
      policyRateLimit: 'Çok fazla istek. {seconds} sn içinde devam edilecek.',
      offline: 'Çevrimdışısınız. Ağ geri geldiğinde yeniden bağlanacağız.',
      stopped: 'Bağlantı durduruldu.',
      closed: 'Bağlantı kesildi.',
      retryNow: 'Şimdi yeniden dene',
      dismiss: 'Kapat',
      lastClose: 'Son kapanış',
    },
    compare: {
      sameAction: 'İkisi de aynı eyleme yol açar: {action}.',
      differentAction: '{a} "{actionA}", {b} ise "{actionB}" anlamına gelir.',
      sameRange: 'İkisi de aynı aralıkta: {range}.',
      differentRange: '{a}: {rangeA}; {b}: {rangeB}.',
      mayBeSent: '{code} bir kapanış çerçevesinde gönderilebilir.',
      reportedLocally: '{code} hiçbir zaman kapanış çerçevesinde gönderilmez; bu kodu tarayıcı kendisi bildirir.',
      mustNotBeSent:
        '{code} kapanış çerçevesinde gönderilmemelidir, ama standarda uymayan bir karşı taraftan yine de gelebilir.',
      identical: 'İkisi aynı kod.',
      notSendable: 'kapanış çerçevesinde gönderilmemeli',
      sendable: 'kapanış çerçevesinde gönderilebilir',
      action: 'Eylem',
      range: 'Aralık',
      keyDifferences: 'Temel Farklar',
      whenToUseWhich: 'Hangisini Ne Zaman Kullanmalı',
    },
  },
};
