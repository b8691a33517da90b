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
      description: 'Normal kapanış: bağlantının kurulma amacı yerine getirildi.',
      whenYouSee:
        'Uygulamanız close() metodunu çağırdığında ya da sunucu oturumu kasıtlı olarak sonlandırdığında; örneğin kullanıcı çıkış yaptığında ya da bir iş tamamlandığında.',
      howToFix:
        "Bağlantıyı uygulamanız kapattıysa düzeltilecek bir şey yok; sunucu kapattıysa nedenini araştırın. closewise'ın kendi tercihi: ResilientSocket, uygulamanız close() metodunu çağırana kadar açık kaldığı için closewise sunucunun gönderdiği 1000'den sonra da yeniden bağlanır. Bu davranışı reconnectOnNormalClose: false ile kapatabilirsiniz.",
    },
    1001: {
      description:
        'Uç noktalardan biri devreden çıkıyor: sunucu kapanıyor ya da tarayıcıda başka bir sayfaya geçiliyor.',
      whenYouSee:
        'Dağıtım, yeniden başlatma ya da ölçek küçültme sırasında, sunucu üzerinde açık bağlantılar varken kapandığında.',
      howToFix:
        'Genellikle bir şey yapmanız gerekmez: sonraki deneme çalışan bir sunucuya ulaşır. Sık sık tekrarlanıyorsa yük dengeleyicinizin bir sunucuyu durdurmadan önce üzerindeki bağlantıları boşalttığını (connection draining) kontrol edin. closewise yeniden bağlanır.',
    },
    1002: {
      description: 'Uç noktalardan biri WebSocket protokolünü ihlal eden bir çerçeve aldı.',
      whenYouSee:
        'Hatalı bir istemci ya da sunucu kütüphanesi kullanıldığında veya bir proxy çerçeveleri aktarım sırasında değiştirdiğinde.',
      howToFix:
        'Trafiği kaydedin (tarayıcının geliştirici araçlarıyla ya da bir proxy ile) ve her iki taraftaki kütüphane sürümlerini karşılaştırın. Protokol hataları kendiliğinden düzelmediği için closewise birkaç kez yeniden dener, sonra durur.',
    },
    1003: {
      description:
        'Uç noktalardan biri kabul edemediği türde veri aldı; örneğin yalnızca metin işleyen bir uç nokta ikili veri aldı.',
      whenYouSee:
        'Yalnızca metin kabul eden bir sunucuya ikili mesaj ya da yalnızca ikili veri kabul eden bir sunucuya metin gönderdikten hemen sonra.',
      howToFix:
        "Sunucunun beklediği türde veri gönderin: send()'e verilen dize metin olarak, ArrayBuffer, typed array ya da Blob ise ikili veri olarak gider. Yeniden bağlanmak aynı hatayı tekrarlamaktan başka bir işe yaramaz; bu yüzden closewise durur.",
    },
    1004: {
      description:
        'Protokolde ileride tanımlanabilecek bir anlam için ayrılmıştır; uç noktalar bu kodu göndermemelidir.',
      whenYouSee: 'Yalnızca bu kodu yanlışlıkla seçen, standarda uymayan bir sunucu ya da kütüphaneden.',
      howToFix:
        'Durumu sunucuyu işleten ekibe bildirin: sunucunun tanımlı bir kod kullanması gerekir. closewise bu kodu geçici bir sorun sayar ama birkaç tekrardan sonra durur.',
    },
    1005: {
      description:
        'Kapanış çerçevesi bir durum kodu içermiyordu. Bu kod hiçbir zaman bir kapanış çerçevesinde gönderilmemelidir; onu tarayıcı kendisi bildirir.',
      whenYouSee: 'Sunucu bağlantıyı düzgün bir şekilde ama kod belirtmeden kapattığında.',
      howToFix:
        "Sunucunun açıkça bir kapanış kodu göndermesini sağlayın. closewise'ın kendi tercihi: sunucudan gelen 1000'de olduğu gibi yeniden bağlanır.",
    },
    1006: {
      description:
        'Bağlantı, kapanış çerçevesi gönderilmeden kapandı. Bu kod hiçbir zaman bir kapanış çerçevesinde gönderilmemelidir; bağlantı koptuğunda ya da kurulamadığında onu tarayıcı kendisi bildirir.',
      whenYouSee:
        'Ağ bağlantısı koptuğunda, sunucu çöktüğünde ya da bir proxy boşta kalan bağlantıyı zaman aşımıyla kapattığında. Bağlantı açılmadan başarısız olan her deneme de sayfaya 1006 olarak yansır: bulunamayan bir ana makine, bağlantıyı reddeden bir port, başarısız bir TLS el sıkışması (süresi dolmuş, kendinden imzalı ya da ana makine adıyla uyuşmayan bir sertifika) ve reddedilen bir yükseltme (upgrade) isteği (HTTP 401, 403, 429, 502).',
      howToFix:
        "Bağlantı hiç açılmadıysa önce sertifika zincirini ve ana makine adını kontrol edin (URL'yi https:// ile tarayıcıda açın), ardından yükseltme isteğine verilen yanıtı sunucunun ya da proxy'nin log kayıtlarında inceleyin (kimlik doğrulama, origin, yönlendirme) ve proxy'lerin Upgrade ve Connection başlıklarını doğru ana makineye ve porta ilettiğinden emin olun. Bağlantı açıldıktan sonra koptuysa proxy'lerdeki boşta kalma zaman aşımlarına bakın ve bir heartbeat (canlılık mesajı) eklemeyi düşünün. closewise bekleme süresini artırarak yeniden bağlanır.",
    },
    1007: {
      description:
        'Uç noktalardan biri mesajın türüyle uyuşmayan veri aldı; örneğin bir metin mesajında geçersiz bir UTF-8 dizisi.',
      whenYouSee:
        'Tarayıcının gönderdiği metinden kaynaklanmaz: send() bir USVString alır ve bunu her zaman geçerli UTF-8 olarak gönderir. Bu kod, metin çerçevelerini ham baytlardan oluşturan tarayıcı dışı bir karşı taraftan ya da sunucunun kendi doğrulamasından gelir.',
      howToFix:
        'Sunucunun hangi mesajı reddettiğini bulun (kapanış nedeni, sunucunun log kayıtları) ve mesajı sunucunun beklediği biçimde gönderin. Yeniden denemek aynı veriyi yine gönderir; bu yüzden closewise durur.',
    },
    1008: {
      description:
        'Bir mesaj sunucunun politikasını ihlal ettiği için sunucu bağlantıyı kapattı. Duruma uyan daha özel bir kod olmadığında ya da sunucu ayrıntıları gizlediğinde kullanılan genel koddur.',
      whenYouSee:
        "Bir hız sınırını aştığınızda, kimlik doğrulama token'ınızın süresi el sıkışmadan sonra dolduğunda, yasak içerik gönderdiğinizde, görme yetkiniz olmayan bir kanala abone olduğunuzda ya da origin'e izin verilmediğinde.",
      howToFix:
        "Sunucunun politikasını ve kapanış nedenini kontrol edin. Token'ın süresi dolduysa token'ı yenileyip bir kez yeniden bağlanın; hız sınırı aşıldıysa retry-after ipucunda belirtilen süre kadar bekleyin ve daha az mesaj gönderin; içerik yasaksa uygulamanın gönderdiği veriyi düzeltin. Körü körüne yeniden bağlanmak aynı ihlali tekrarlar.",
    },
    1009: {
      description: 'Bir mesaj, bağlantıyı kapatan tarafın kabul ettiği en büyük boyutu aştı.',
      whenYouSee:
        'Büyük bir yük gönderdikten sonra ya da sunucu, boyut sınırı olan bir istemcinin kabul ettiğinden büyük bir mesaj gönderdiğinde.',
      howToFix:
        "Büyük mesajları bölün ya da sıkıştırın veya sunucudaki boyut sınırını artırın (örneğin ws'in maxPayload seçeneği). Yeniden bağlanmak aynı mesajı yine gönderir; bu yüzden closewise durur.",
    },
    1010: {
      description: 'Sunucu, istemcinin zorunlu tuttuğu bir uzantıyı kabul etmediği için istemci bağlantıyı kapattı.',
      whenYouSee:
        'Bu kodu yalnızca istemciler gönderir, tarayıcılar ise hiçbir zaman göndermez: onu tarayıcı dışı istemcilerle çalışırken sunucunun log kayıtlarında ya da standarda uymayan bir sunucudan gelen bir kapanışta görürsünüz.',
      howToFix:
        'Uzantıyı sunucuda etkinleştirin ya da istemcide zorunlu olmaktan çıkarın. Sonraki el sıkışma da aynı sonucu vereceği için closewise durur.',
    },
    1011: {
      description: 'Sunucu, isteği yerine getirmesini engelleyen beklenmedik bir durumla karşılaştı.',
      whenYouSee:
        'Sunucunun bağlantı işleyicisinde yakalanmayan bir istisna oluştuğunda ya da sunucunun bağımlı olduğu bir hizmet arızalandığında.',
      howToFix:
        'Sunucunun log kayıtlarında kapanış anına yakın hataları inceleyin. Sonraki deneme sağlıklı bir sunucuya ulaşabileceği için closewise bekleme süresini artırarak yeniden bağlanır.',
    },
    1012: {
      description: 'Hizmet yeniden başlatılıyor.',
      whenYouSee: 'Dağıtımlar ve planlı yeniden başlatmalar sırasında.',
      howToFix:
        'Düzeltilecek bir şey yok. closewise, kodun IANA kaydında istendiği gibi, yeniden bağlanmadan önce rastgele 5-30 saniye bekler; böylece istemciler hep birlikte aynı anda geri dönmez.',
    },
    1013: {
      description: 'Hizmet aşırı yüklü; daha sonra yeniden deneyin.',
      whenYouSee:
        'Trafiğin yoğun olduğu anlarda, sunucu yükünü azaltmak için bağlantıları keserken ya da bir süreliğine yeni oturum kabul etmediğinde.',
      howToFix:
        "Sunucuya kapasite ekleyin. Kodun IANA kaydına göre istemci başka bir IP adresine bağlanmalı, aynı adrese ise ancak kullanıcı isterse yeniden bağlanmalıdır. closewise'ın kendi tercihi bundan bilerek ayrılır: tıklama bekleyen bir sayfa kendi kendine hiçbir zaman toparlanmaz; bu yüzden closewise, deneme bütçesi bitene kadar en az 30 saniye, her seferinde daha uzun süre bekleyerek kendisi yeniden bağlanır. IANA kaydına uymak istiyorsanız 1013 geldiğinde close() metodunu çağırın ve kullanıcıya bir yeniden deneme düğmesi sunun.",
    },
    1014: {
      description:
        "Sunucunun önündeki bir ağ geçidi (gateway) ya da proxy, arkadaki (upstream) sunucudan geçersiz bir yanıt aldı; HTTP 502'ye benzer.",
      whenYouSee:
        'Ağ geçidiyle bağlantınız açıkken; arkadaki hizmet çöktüğünde, yeniden başlatıldığında ya da ağ geçidinin işleyemediği bir yanıt gönderdiğinde.',
      howToFix:
        'Önce arkadaki hizmetin durumunu ve log kayıtlarını, ardından ağ geçidinin upstream ayarlarını (ana makine, port ve zaman aşımları) kontrol edin. Arkadaki hizmet toparlanabileceği için closewise bekleme süresini artırarak yeniden bağlanır.',
    },
    1015: {
      description:
        'Başarısız bir TLS el sıkışmasını bildirmek için ayrılmıştır; hiçbir zaman bir kapanış çerçevesinde gönderilmemelidir.',
      whenYouSee:
        "Tarayıcıdan gelmez: tarayıcı başarısız bir TLS el sıkışmasını 1006 olarak bildirir ve 1015'i hiç kullanmaz; bu yüzden sayfa bu kodu yalnızca standarda uymayan bir sunucudan alır.",
      howToFix:
        "Durumu sunucuyu işleten ekibe bildirin. Sertifika sorunları için 1006'ya bakın. closewise'ın kendi tercihi: 1015'i 1006 gibi ele alır ve yeniden bağlanır.",
    },
    3000: {
      description:
        "Yetkisiz (Unauthorized): sunucu bu bağlantı için geçerli kimlik bilgileri bekliyor (IANA'ya kayıtlı).",
      whenYouSee: 'Token eksik, geçersiz ya da süresi dolmuşsa; çoğu zaman bağlantı kurulduktan kısa bir süre sonra.',
      howToFix:
        'Kimlik bilgilerini yenileyin ya da yeniden oluşturun, sonra bir kez yeniden bağlanın. auth.refresh tanımlıysa closewise bunu sizin yerinize yapar.',
    },
    3003: {
      description:
        "Yasak (Forbidden): kimlik bilgileri geçerli ama bu kaynağı kullanmaya yetkili değil (IANA'ya kayıtlı).",
      whenYouSee: 'Kullanıcı, sunucunun gerektirdiği bir role ya da yetkiye sahip olmadığında.',
      howToFix:
        'Sunucuda kullanıcının ya da hizmet hesabının yetkilerini kontrol edin. Yeniden denemek yetkileri değiştirmez; bu yüzden closewise durur.',
    },
    3008: {
      description: "Zaman aşımı (Timeout): sunucu, bir süre sınırı dolduğu için bağlantıyı kapattı (IANA'ya kayıtlı).",
      whenYouSee: 'Bağlantı bir süre boşta kaldıktan sonra ya da bir istek çok uzun sürdüğünde.',
      howToFix:
        'Bağlantı uzun süre boşta kalıyorsa heartbeat mesajları gönderin ya da sunucudaki zaman aşımı süresini uzatın. closewise yeniden bağlanır.',
    },
  },
  ranges: {
    'invalid-low': {
      description: "1000'in altındaki kodlar geçerli kapanış kodu değildir; protokol bunları hiç kullanmaz.",
      whenYouSee: 'Standarda uymayan bir sunucu ya da kütüphaneden; tarayıcı bu kodları olduğu gibi iletir.',
      howToFix:
        'Sunucuyu 1000-1003, 1007-1014 ya da 3000-4999 aralığında bir kod gönderecek şekilde düzeltin. closewise bu kodu geçici bir sorun sayar ama birkaç tekrardan sonra durur.',
    },
    standard: {
      description: 'Doğrudan WebSocket protokolünün tanımladığı bir kapanış kodu.',
      whenYouSee: 'Standarda uyan her sunucu, proxy ya da tarayıcıdan.',
      howToFix: 'Kodun anlamı için o koda ait açıklamaya bakın.',
    },
    unassigned: {
      description: '1016-2999 aralığı protokolün gelecekteki sürümleri için ayrılmıştır; bu kodlar henüz atanmamıştır.',
      whenYouSee: 'Yalnızca standarda uymayan bir sunucu ya da kütüphaneden.',
      howToFix:
        'Sunucuyu, tanımlı bir kod ya da kendine özgü anlamlar için 4000-4999 aralığından bir kod kullanacak şekilde düzeltin. closewise bu kodu geçici bir sorun sayar ama birkaç tekrardan sonra durur.',
    },
    registered: {
      description:
        "3000-3999 aralığı IANA'ya kaydedilen kodlar içindir; ancak pek çok kütüphane bu aralığı kayıt yaptırmadan kullanır.",
      whenYouSee:
        "Kendi kodlarını kullanan bir sunucu kütüphanesinden; örneğin Centrifugo'nun 3000 ve 3008 kodları, IANA'ya kayıtlı 3000 ve 3008 ile çakışır.",
      howToFix:
        'Kodun anlamını sunucu kütüphanesinin belgelerinde arayın ya da koda bir ad ve doğru eylemin atanması için o kütüphanenin closewise profilini yükleyin.',
    },
    private: {
      description:
        '4000-4999 aralığı özel kullanım içindir: kodların ne anlama geldiğine her uygulama kendisi karar verir.',
      whenYouSee: 'Kendi sunucunuzdan ya da bu kodları tanımlayan graphql-ws, Pusher veya Discord gibi bir hizmetten.',
      howToFix:
        "Kodun anlamını sunucunun belgelerinde bulun, sonra bu anlamı defineCodes() ya da yerleşik bir profille closewise'a tanıtın. Bunu yapana kadar closewise bu kodu geçici bir sorun sayar ama birkaç tekrardan sonra durur.",
    },
    'invalid-high': {
      description: '5000 ve üzerindeki kodlar geçerli kapanış kodu değildir.',
      whenYouSee: 'Standarda uymayan bir sunucu ya da kütüphaneden; tarayıcı bu kodları olduğu gibi iletir.',
      howToFix:
        'Sunucuyu geçerli bir kod gönderecek şekilde düzeltin. closewise bu kodu geçici bir sorun sayar ama birkaç tekrardan sonra durur.',
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
      offline: 'Çevrimdışısınız. İnternet bağlantınız geri geldiğinde yeniden bağlanacağız.',
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
      identical: 'Bu iki kod aynı.',
      notSendable: 'kapanış çerçevesinde gönderilmemeli',
      sendable: 'kapanış çerçevesinde gönderilebilir',
      action: 'Eylem',
      range: 'Aralık',
      keyDifferences: 'Temel Farklar',
      whenToUseWhich: 'Hangisini Ne Zaman Kullanmalı',
    },
  },
};
