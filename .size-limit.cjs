// Size budgets, checked by `npm test` (min + gzip, as bundlers ship them). Each limit was set at
// most 10 % above the size measured when it was introduced; see docs/benchmarks.md for peers.
const path = require('node:path');

// Swaps the socket's English advice (the policy texts) for an empty catalog, to measure the socket
// and classifier alone.
const withoutAdviceText = (config) => {
  config.plugins = [
    ...(config.plugins ?? []),
    {
      name: 'no-advice-text',
      setup(build) {
        build.onLoad({ filter: /registry[\\/]advice[\\/]en-policy\.js$/ }, () => ({
          contents: 'export const enPolicy = { id: "en", codes: {}, ranges: {} };',
          loader: 'js',
        }));
      },
    },
  ];
  return config;
};

const dist = (file) => path.join('dist', file);

module.exports = [
  {
    name: 'core: ResilientSocket + classifier, no advice text',
    path: dist('index.js'),
    import: '{ ResilientSocket }',
    gzip: true,
    // 12.26 kB once the pure engine replaced the class (issue 11, in progress); was 10.3 kB. 13.69
    // kB with the crash profile and its three checked options (issue 12).
    limit: '14.1 KB',
    modifyEsbuildConfig: withoutAdviceText,
  },
  {
    name: 'closewise: ResilientSocket (eventemitter3 and its English policy advice)',
    path: dist('index.js'),
    import: '{ ResilientSocket }',
    gzip: true,
    // 13.28 kB once the pure engine replaced the class (issue 11, in progress); was 11.4 kB.
    // 14.7 kB with the crash profile and its three checked options (issue 12).
    limit: '15.1 KB',
  },
  {
    name: 'closewise: classifyClose alone',
    path: dist('index.js'),
    import: '{ classifyClose }',
    gzip: true,
    // 2.19 kB measured once it checked its context (initiator, phase, repeats); it was 1.97 kB.
    limit: '2.3 KB',
  },
  {
    name: 'closewise: describeClose (English advice)',
    path: dist('index.js'),
    import: '{ describeClose }',
    gzip: true,
    limit: '5.7 KB',
  },
  {
    name: 'closewise/locales/tr',
    path: dist('registry/advice/tr.js'),
    import: '{ tr }',
    gzip: true,
    // 5.15 kB once the Turkish was rewritten and 1006/1013 gained what their sources say (was 4.69 kB).
    limit: '5.6 KB',
  },
  {
    name: 'closewise/registry: everything (profiles, compare)',
    path: dist('registry/index.js'),
    import: '*',
    gzip: true,
    // 18.89 kB with discordVoice, the new graphql-ws, Centrifugo and Pusher rows (advice in English
    // and Turkish) and the sources of every entry (was 10.08 kB). Profiles tree-shake: graphqlWs
    // alone is 4.8 kB, less than all profiles were.
    limit: '20.5 KB',
  },
  {
    name: 'closewise/ui: banner and element',
    path: dist('ui/index.js'),
    import: '{ createStatusBanner, defineStatusElement }',
    gzip: true,
    // 7.87 kB measured once it validated its socket and options (it was 7.23 kB).
    limit: '9 KB',
  },
  {
    name: 'closewise/reconnecting-websocket',
    path: dist('adapters/reconnecting-websocket.js'),
    import: '{ withClosePolicy }',
    gzip: true,
    // 11.33 kB once it became an interpreter of the engine (issue 11, in progress); was 7.48 kB.
    limit: '12.5 KB',
  },
  // Engine budgets (issue 11) as measured after the review fixes, + ~3 %: socket 13.19 / 14.20,
  // adapter 12.09, production socket 12.79, socket + banner 18.08, adapter 11.14 (kB); ui 8.66 grew
  // with the registry's rewritten English advice.
  // What apps ship: the production build (the `production` export condition), option validation
  // left out. Issue 11's goals: socket <= 8 KB, socket + banner <= 13 KB.
  {
    name: 'production: classifyClose alone (goal 2 KiB)',
    path: dist('production/index.js'),
    import: '{ classifyClose }',
    gzip: true,
    limit: '2048 B',
  },
  {
    name: 'production: ResilientSocket',
    path: dist('production/index.js'),
    import: '{ ResilientSocket }',
    gzip: true,
    // 13.28 kB: the crash profile (issue 12: src/policy/crash.ts, the unanswered count) added
    // 0.37 kB to the production socket; was 12.87 kB.
    limit: '13.6 KB',
  },
  {
    name: 'production: ResilientSocket + closewise/ui banner',
    path: [dist('production/index.js'), dist('production/ui/index.js')],
    import: {
      [dist('production/index.js')]: '{ ResilientSocket }',
      [dist('production/ui/index.js')]: '{ createStatusBanner }',
    },
    gzip: true,
    // 17.61 kB: the banner's English advice grew by 0.24 kB (issue 17: 1006, 1013, 1000, 1007, 1015
    // say what their sources say); then the socket's crash profile added 0.37 kB (issue 12).
    limit: '19 KB',
  },
  {
    name: 'production: closewise/reconnecting-websocket',
    path: dist('production/adapters/reconnecting-websocket.js'),
    import: '{ withClosePolicy }',
    gzip: true,
    // 11.46 kB, then 11.52 kB once the engine carries a send's tag to its drop (issue 14:
    // closewise/tabs reports a lost message in the tab that sent it).
    limit: '11.6 KB',
  },
  // closewise/tabs (issue 14), production build: the shared socket includes ResilientSocket.
  {
    name: 'production: closewise/tabs SharedSocket (with ResilientSocket)',
    path: dist('production/tabs/index.js'),
    import: '{ SharedSocket }',
    gzip: true,
    // 15.94 kB measured when introduced: 2.66 kB over ResilientSocket alone. 17.50 kB once a
    // lost message is reported in the tab that sent it (loss reports that wait for a tab in the
    // back/forward cache), offers are settled by the leader's answers, calls from listeners run
    // to completion, and leaving leaders record in storage what went out (issue 14, session 3).
    limit: '18 KB',
  },
  {
    name: 'production: closewise/tabs singleFlightRefresh alone',
    path: dist('production/tabs/index.js'),
    import: '{ singleFlightRefresh }',
    gzip: true,
    // 577 B measured when introduced.
    limit: '640 B',
  },
  // closewise/react (issue 15), production build, React itself left out (the app's own).
  {
    name: 'production: closewise/react (everything: useResilientSocket with the socket, StatusBanner)',
    path: dist('production/react/index.js'),
    import: '*',
    ignore: ['react'],
    gzip: true,
    // 18.35 kB measured when introduced: the socket, the banner model and its English advice.
    limit: '20 KB',
  },
  {
    name: 'production: closewise/react StatusBanner',
    path: dist('production/react/index.js'),
    import: '{ StatusBanner }',
    ignore: ['react'],
    gzip: true,
    // 7.38 kB measured when introduced (bannerView and the English advice; no socket).
    limit: '8.1 KB',
  },
  {
    name: 'production: closewise/react useSocketStatus + useSocketEvent (tree-shaken)',
    path: dist('production/react/index.js'),
    import: '{ useSocketStatus, useSocketEvent }',
    ignore: ['react'],
    gzip: true,
    // 337 B measured when introduced.
    limit: '370 B',
  },
];
