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
      description: 'Normal kapanış: bağlantı, kurulma amacını yerine getirdi.',
      whenYouSee:
        'Uygulamanız close() çağırdığında ya da sunucu oturumu bilerek sonlandırdığında; örneğin kullanıcı çıkış yaptığında ya da bir iş bittiğinde.',
      howToFix:
        "Bağlantıyı uygulamanız kapattıysa düzeltilecek bir şey yok; sunucu kapattıysa nedenini araştırın. closewise'ın kendi tercihi: bir ResilientSocket uygulamanız close() çağırana kadar açık kalacağı için sunucudan gelen 1000'den sonra yeniden bağlanır. Bu davranışı reconnectOnNormalClose: false ile kapatabilirsiniz.",
    },
    1001: {
      description: 'Uç noktalardan biri ayrılıyor: sunucu kapanıyor ya da tarayıcı sayfadan ayrılıyor.',
      whenYouSee:
        'Dağıtım, yeniden başlatma ya da ölçek küçültme sırasında, sunucu açık bağlantılar varken kapandığında.',
      howToFix:
        'Genellikle bir şey yapmanız gerekmez: sonraki deneme çalışan bir sunucuya ulaşır. Sürekli oluyorsa yük dengeleyicinizin bir sunucuyu durdurmadan önce bağlantılarını boşalttığını kontrol edin. closewise yeniden bağlanır.',
    },
    1002: {
      description: 'Uç noktalardan biri WebSocket protokolünü ihlal eden bir çerçeve aldı.',
      whenYouSee:
        'Hatalı bir istemci ya da sunucu kütüphanesi kullanıldığında veya bir proxy çerçeveleri yolda değiştirdiğinde.',
      howToFix:
        'Trafiği kaydedin (tarayıcının geliştirici araçlarıyla ya da bir proxy ile) ve iki taraftaki kütüphane sürümlerini karşılaştırın. Protokol hataları kendiliğinden düzelmediği için closewise birkaç kez dener, sonra durur.',
    },
    1003: {
      description:
        'Uç noktalardan biri kabul edemediği türde veri aldı; örneğin yalnızca metin işleyen bir uç nokta ikili veri aldı.',
      whenYouSee:
        'Yalnızca metin kabul eden bir sunucuya ikili mesaj ya da yalnızca ikili veri kabul eden bir sunucuya metin gönderdikten hemen sonra.',
      howToFix:
        "Sunucunun beklediği türde veri gönderin: send()'e verilen dize metin olarak, ArrayBuffer, typed array ya da Blob ise ikili veri olarak gider. Yeniden bağlanmak yalnızca aynı hatayı tekrarlar; bu yüzden closewise durur.",
    },
    1004: {
      description: 'Protokolün ileride anlam verebileceği ayrılmış bir koddur; uç noktalar bu kodu göndermemelidir.',
      whenYouSee: 'Yalnızca bu kodu yanlışlıkla seçen, standarda uymayan bir sunucu ya da kütüphaneden.',
      howToFix:
        'Sunucuyu işleten ekibe bildirin: sunucunun tanımlı bir kod kullanması gerekir. closewise bu kodu geçici bir sorun sayar, ama birkaç tekrardan sonra durur.',
    },
    1005: {
      description:
        'Kapanış çerçevesinde durum kodu yoktu. Bu kod hiçbir zaman kapanış çerçevesinde gönderilmez; tarayıcı kendisi bildirir.',
      whenYouSee: 'Sunucu bağlantıyı düzgünce ama kod vermeden kapattığında.',
      howToFix:
        "İstemcilerin ne olduğunu anlayabilmesi için sunucunun açıkça bir kod göndermesini sağlayın. closewise'ın kendi tercihi: sunucudan gelen 1000'de olduğu gibi yeniden bağlanır.",
    },
    1006: {
      description:
        'Bağlantı, kapanış çerçevesi olmadan kapandı. Bu kod hiçbir zaman kapanış çerçevesinde gönderilmez; bağlantı koptuğunda ya da kurulamadığında tarayıcı kendisi bildirir.',
      whenYouSee:
        'Ağ bağlantısı koptuğunda, sunucu çöktüğünde ya da bir proxy boşta kalan bağlantıyı kapattığında; ayrıca bağlantı açılmadan başarısız olduğunda: bulunamayan bir ana makine, bağlantıyı reddeden bir port, başarısız bir TLS el sıkışması (süresi dolmuş, kendinden imzalı ya da ana makine adıyla uyuşmayan bir sertifika) ve reddedilen bir yükseltme (upgrade) isteği (HTTP 401, 403, 429, 502) sayfaya hep 1006 olarak yansır.',
      howToFix:
        "Bağlantı hiç açılmadıysa önce sertifika zincirini ve ana makine adını kontrol edin (URL'yi https:// ile tarayıcıda açın), ardından yükseltme isteğine verilen yanıtı sunucunun ya da proxy'nin log kayıtlarında inceleyin (kimlik doğrulama, origin, yönlendirme) ve proxy'lerin Upgrade ve Connection başlıklarını doğru ana makineye ve porta ilettiğinden emin olun. Bağlantı önce açıldıysa proxy'lerdeki boşta kalma zaman aşımlarına bakın, bir heartbeat (canlılık mesajı) eklemeyi düşünün. closewise bekleme süresini artırarak yeniden bağlanır.",
    },
    1007: {
      description:
        'Uç noktalardan biri mesajın türüyle uyuşmayan veri aldı; örneğin bir metin mesajında geçersiz UTF-8.',
      whenYouSee:
        'Tarayıcının gönderdiği metinden kaynaklanmaz: send() bir USVString alır ve onu her zaman geçerli UTF-8 olarak gönderir. Bu kod, metin çerçevelerini ham baytlardan oluşturan tarayıcı dışı bir karşı taraftan ya da sunucunun kendi doğrulamasından gelir.',
      howToFix:
        'Sunucunun hangi mesajı reddettiğini bulun (kapanış nedeni, sunucunun log kayıtları) ve mesajı sunucunun beklediği biçimde gönderin. Yeniden denemek aynı veriyi gönderir; bu yüzden closewise durur.',
    },
    1008: {
      description:
        'Bir mesaj sunucunun politikasını ihlal ettiği için sunucu bağlantıyı kapattı. Daha belirli bir kod uymadığında ya da sunucu ayrıntıyı gizlemek istediğinde kullanılan genel koddur.',
      whenYouSee:
        "Bir hız sınırını aştığınızda, kimlik doğrulama token'ınızın süresi el sıkışmadan sonra dolduğunda, yasak içerik gönderdiğinizde, görme yetkiniz olmayan bir kanala abone olduğunuzda ya da origin izinli olmadığında.",
      howToFix:
        "Sunucunun politikasını ve kapanış nedenini kontrol edin. Süresi dolan token'ı yenileyip bir kez yeniden bağlanın; hız sınırında retry-after ipucunda belirtilen süre kadar bekleyin ve daha az mesaj gönderin; yasak içerikte uygulamanın gönderdiğini düzeltin. Gelişigüzel yeniden bağlanmak aynı ihlali tekrarlar.",
    },
    1009: {
      description: 'Bir mesaj, bağlantıyı kapatan tarafın kabul ettiği boyuttan büyüktü.',
      whenYouSee:
        'Büyük bir yük gönderdikten sonra ya da sunucu, boyut sınırı olan bir istemcinin kabul ettiğinden büyük bir mesaj gönderdiğinde.',
      howToFix:
        "Büyük mesajları bölün ya da sıkıştırın veya sunucudaki boyut sınırını artırın (örneğin ws'deki maxPayload). Yeniden bağlanmak aynı mesajı yine gönderir; bu yüzden closewise durur.",
    },
    1010: {
      description: 'Sunucu, istemcinin zorunlu tuttuğu bir uzantıyı kabul etmediği için istemci bağlantıyı kapattı.',
      whenYouSee:
        'Bu kodu yalnızca istemciler gönderir, tarayıcılar ise hiç göndermez: tarayıcı dışı istemciler kullanıldığında sunucunun log kayıtlarında ya da standarda uymayan bir sunucudan görürsünüz.',
      howToFix:
        'Uzantıyı sunucuda etkinleştirin ya da istemcide zorunlu olmaktan çıkarın. Sonraki el sıkışma da aynı şekilde sonuçlanacağı için closewise durur.',
    },
    1011: {
      description: 'Sunucu, isteği yerine getirmesini engelleyen beklenmedik bir durumla karşılaştı.',
      whenYouSee:
        'Sunucunun bağlantı işleyicisinde yakalanmayan bir istisna oluştuğunda ya da sunucunun bağlı olduğu bir hizmet çöktüğünde.',
      howToFix:
        'Kapanış saatine yakın sunucu hata kayıtlarına bakın. Sonraki deneme sağlıklı bir sunucuya ulaşabileceği için closewise bekleme süresini artırarak yeniden bağlanır.',
    },
    1012: {
      description: 'Hizmet yeniden başlatılıyor.',
      whenYouSee: 'Dağıtımlar ve planlı yeniden başlatmalar sırasında.',
      howToFix:
        'Düzeltilecek bir şey yok. closewise, kayıt metninin istediği gibi yeniden bağlanmadan önce rastgele 5-30 saniye bekler; böylece istemcilerin hepsi aynı anda geri gelmez.',
    },
    1013: {
      description: 'Hizmet aşırı yüklü; daha sonra yeniden deneyin.',
      whenYouSee:
        'Trafiğin yoğun olduğu anlarda, sunucu yükünü azaltmak için bağlantı keserken ya da bir süreliğine yeni oturum kabul etmediğinde.',
      howToFix:
        "Sunucuya kapasite ekleyin. Kayıt metnine göre istemci başka bir IP adresine bağlanmalı, aynı adrese ise ancak kullanıcı isterse yeniden bağlanmalıdır. closewise'ın kendi tercihi bundan bilerek ayrılır: bir tıklamayı bekleyen sayfa kendiliğinden toparlanmaz; bu yüzden closewise kendisi yeniden bağlanır, ama en az 30 saniye sonra ve her seferinde daha uzun bekleyerek, deneme bütçesi bitene kadar. Kayıt metnine uymak istiyorsanız 1013 geldiğinde close() çağırın ve kullanıcıya bir yeniden dene düğmesi sunun.",
    },
    1014: {
      description:
        "Sunucunun önündeki bir ağ geçidi (gateway) ya da proxy, arkadaki (upstream) sunucudan geçersiz bir yanıt aldı; HTTP 502'ye benzer.",
      whenYouSee:
        'Ağ geçidiyle bağlantınız açıkken; arkadaki hizmet çöktüğünde, yeniden başlatıldığında ya da ağ geçidinin kullanamadığı bir yanıt verdiğinde.',
      howToFix:
        'Önce arkadaki hizmetin sağlığına ve log kayıtlarına, ardından ağ geçidinin upstream ayarlarına bakın: isteği ilettiği ana makine ve porta, zaman aşımlarına. Arkadaki hizmet toparlanabileceği için closewise bekleme süresini artırarak yeniden bağlanır.',
    },
    1015: {
      description:
        'Başarısız bir TLS el sıkışmasını bildirmek için ayrılmış koddur; hiçbir zaman kapanış çerçevesinde gönderilmez.',
      whenYouSee:
        "Tarayıcıdan gelmez: tarayıcı başarısız bir TLS el sıkışmasını 1006 olarak bildirir ve 1015'i hiç kullanmaz; sayfa bu kodu yalnızca standarda uymayan bir sunucudan görür.",
      howToFix:
        "Sunucuyu işleten ekibe bildirin. Sertifika sorunları için 1006'ya bakın. closewise'ın kendi tercihi: 1015'i 1006 gibi ele alır ve yeniden bağlanır.",
    },
    3000: {
      description: "Yetkisiz: sunucu bu bağlantı için geçerli kimlik bilgileri istiyor (IANA'ya kayıtlı).",
      whenYouSee:
        'Token eksik, geçersiz ya da süresi dolmuş olduğunda; çoğu zaman bağlantı kurulduktan kısa süre sonra.',
      howToFix:
        'Kimlik bilgilerini yenileyin ya da yeniden alın ve bir kez yeniden bağlanın. auth.refresh tanımlıysa closewise bunu sizin yerinize yapar.',
    },
    3003: {
      description: "Yasak: kimlik bilgileri geçerli, ama bu kaynağı kullanma yetkisi yok (IANA'ya kayıtlı).",
      whenYouSee: 'Kullanıcının, sunucunun istediği bir rolü ya da yetkisi olmadığında.',
      howToFix:
        'Sunucuda kullanıcının ya da hizmet hesabının yetkilerini kontrol edin. Yeniden denemek yetkileri değiştirmez; bu yüzden closewise durur.',
    },
    3008: {
      description: "Zaman aşımı: sunucu bağlantıyı bir süre sınırı dolunca kapattı (IANA'ya kayıtlı).",
      whenYouSee: 'Bağlantı bir süre boşta kaldıktan sonra ya da bir istek çok uzun sürdüğünde.',
      howToFix:
        'Bağlantı uzun süre boşta kalıyorsa heartbeat mesajları gönderin ya da sunucudaki zaman aşımını artırın. closewise yeniden bağlanır.',
    },
  },
  ranges: {
    'invalid-low': {
      description: "1000'in altındaki kodlar geçerli kapanış kodu değildir; protokol bunları hiç kullanmaz.",
      whenYouSee: 'Standarda uymayan bir sunucu ya da kütüphaneden; tarayıcı bu kodları olduğu gibi iletir.',
      howToFix:
        'Sunucuyu 1000-1003, 1007-1014 ya da 3000-4999 aralığından bir kod gönderecek şekilde düzeltin. closewise bu kodu geçici bir sorun sayar, ama birkaç tekrardan sonra durur.',
    },
    standard: {
      description: 'WebSocket protokolünün kendisinin tanımladığı bir kapanış kodu.',
      whenYouSee: 'Standarda uyan her sunucu, proxy ya da tarayıcıdan.',
      howToFix: 'Anlamı için kodun kendi açıklamasına bakın.',
    },
    unassigned: {
      description: '1016-2999 aralığı protokolün ileriki sürümlerine ayrılmıştır; bu kodlar henüz atanmamıştır.',
      whenYouSee: 'Yalnızca standarda uymayan bir sunucu ya da kütüphaneden.',
      howToFix:
        'Sunucuyu tanımlı bir kod, kendine özgü anlamlar için de 4000-4999 aralığını kullanacak şekilde düzeltin. closewise bu kodu geçici bir sorun sayar, ama birkaç tekrardan sonra durur.',
    },
    registered: {
      description:
        "3000-3999 aralığı IANA'ya kaydedilen kodlar içindir; ancak pek çok kütüphane bu aralığı kayıt yaptırmadan kullanır.",
      whenYouSee:
        "Kendi kodlarını tanımlayan bir kütüphaneyle çalışan bir sunucudan. Örneğin Centrifugo'nun 3000 ve 3008 kodları, IANA'daki 3000 Unauthorized ve 3008 Timeout ile çakışır.",
      howToFix:
        "Kodun anlamını sunucu kütüphanesinin belgelerinde arayın ya da kodun adını ve doğru eylemini öğrenmesi için closewise'a o kütüphanenin profilini yükleyin.",
    },
    private: {
      description:
        '4000-4999 aralığı özel kullanım içindir: kodların ne anlama geldiğine her uygulama kendisi karar verir.',
      whenYouSee: 'Kendi sunucunuzdan ya da bu kodları tanımlayan graphql-ws, Pusher veya Discord gibi bir hizmetten.',
      howToFix:
        "Kodun anlamını sunucunun belgelerinde bulun, sonra bu anlamı defineCodes() ya da yerleşik bir profille closewise'a tanıtın. O zamana kadar closewise bu kodu geçici bir sorun sayar, ama birkaç tekrardan sonra durur.",
    },
    'invalid-high': {
      description: '5000 ve üzerindeki kodlar geçerli kapanış kodu değildir.',
      whenYouSee: 'Standarda uymayan bir sunucu ya da kütüphaneden; tarayıcı bu kodları olduğu gibi iletir.',
      howToFix:
        'Sunucuyu geçerli bir kod gönderecek şekilde düzeltin. closewise bu kodu geçici bir sorun sayar, ama birkaç tekrardan sonra durur.',
    },
  },
  labels: {
    headings: { description: 'Açıklama', whenYouSee: 'Gördüğünüzde', howToFix: 'Nasıl Düzeltilir' },
    actions: {
      none: 'yapılacak bir şey yok',
      reconnect: 'bekleme süresini artırarak yeniden bağlan',
      'reconnect-later': 'rastgele 5-30 sn bekleyip yeniden bağlan',
      'slow-down': 'uzun süre bekle (en az 30 sn)',
      policy: 'dur ve uygulamanın harekete geçmesini bekle',
      stop: 'yeniden bağlanmayı bırak',
    },
    ranges: {
      'invalid-low': 'geçersiz (0-999)',
      standard: 'standart (1000-1015)',
      unassigned: 'atanmamış (1016-2999)',
      registered: "kütüphane ve framework'ler (3000-3999)",
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
      backoff: 'Bağlantı koptu. {seconds} sn sonra yeniden denenecek.',
      retryingNow: 'Bağlantı koptu. Yeniden deneniyor…',
      paused: 'Bağlantı duraklatıldı: işlem gerekiyor.',
      policyAuth: 'Oturumunuzun süresi doldu. Yeniden bağlanmak için tekrar giriş yapın.',
      policyRateLimit: 'Çok fazla istek gönderildi. {seconds} sn sonra devam edilecek.',
      offline: 'Çevrimdışısınız. İnternet bağlantınız gelince yeniden bağlanacağız.',
      stopped: 'Bağlantı durduruldu.',
      closed: 'Bağlantı kesildi.',
      retryNow: 'Şimdi yeniden dene',
      dismiss: 'Kapat',
      lastClose: 'Son kapanış',
    },
    compare: {
      sameAction: 'İkisinde de closewise aynı şeyi yapar: {action}.',
      differentAction: '{a} için eylem: "{actionA}"; {b} için: "{actionB}".',
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
