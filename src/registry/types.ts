/**
 * What a client should do after a close.
 *
 * - `none`: nothing; the close was wanted (for example the app called `close()`).
 * - `reconnect`: a transient failure; reconnect with jittered exponential backoff.
 * - `reconnect-later`: the server is restarting (1012); wait a random 5-30 s first.
 * - `slow-down`: the server is overloaded (1013) or rate limiting; back off hard (>= 30 s).
 * - `policy`: a policy decision (1008); the app must act (refresh a token, slow down, fix content).
 * - `stop`: retrying cannot help; stop and report.
 *
 * @example
 * ```ts
 * const action: CloseAction = classifyClose({ code: 1014 }).action; // 'reconnect'
 * ```
 */
export type CloseAction = 'none' | 'reconnect' | 'reconnect-later' | 'slow-down' | 'policy' | 'stop';

/**
 * Why a policy close happened, as far as the code and reason tell.
 *
 * @example
 * ```ts
 * classifyClose({ code: 1008, reason: 'token expired' }).policyKind; // 'auth'
 * ```
 */
export type PolicyKind = 'auth' | 'rate-limit' | 'other';

/**
 * The part of the close-code space a code belongs to.
 *
 * - `invalid-low`: 0-999, never valid on the wire, but browsers pass them through.
 * - `standard`: 1000-1015, defined by RFC 6455 and the IANA registry.
 * - `unassigned`: 1016-2999, reserved for future protocol use.
 * - `registered`: 3000-3999, for libraries, frameworks and applications; IANA registers them on a
 *   first-come basis, but many are used without a registration (RFC 6455 §7.4.2).
 * - `private`: 4000-4999, private use by applications.
 * - `invalid-high`: 5000-65535, never valid on the wire.
 *
 * @example
 * ```ts
 * describeClose(4001).range; // 'private'
 * ```
 */
export type CodeRange = 'invalid-low' | 'standard' | 'unassigned' | 'registered' | 'private' | 'invalid-high';

/**
 * Advice for one code or range, written for the developer who sees it in a log or a banner.
 *
 * @example
 * ```ts
 * const advice: AdviceText = {
 *   description: 'The chat server rejected the room name.',
 *   whenYouSee: 'Right after joining a room that was deleted.',
 *   howToFix: 'Refresh the room list before joining.',
 * };
 * ```
 */
export interface AdviceText {
  /** What the code means. */
  readonly description: string;
  /** The situations in which you typically meet it. */
  readonly whenYouSee: string;
  /** What to check or change. */
  readonly howToFix: string;
}

/**
 * Words used by `compareCodes` and the UI, per locale.
 *
 * @example
 * ```ts
 * en.labels.ui.retryNow; // 'Retry now'
 * tr.labels.actions.stop; // 'yeniden bağlanmayı bırak'
 * ```
 */
export interface LocaleLabels {
  /** Headings for the three advice fields, as a log, CLI or banner shows them. */
  readonly headings: { readonly description: string; readonly whenYouSee: string; readonly howToFix: string };
  readonly actions: Readonly<Record<CloseAction, string>>;
  readonly ranges: Readonly<Record<CodeRange, string>>;
  readonly policyKinds: Readonly<Record<PolicyKind, string>>;
  /** Words of the status banner (`closewise/ui`); `{seconds}` is replaced by the countdown. */
  readonly ui: {
    readonly connecting: string;
    readonly open: string;
    readonly backoff: string;
    readonly retryingNow: string;
    readonly paused: string;
    readonly policyAuth: string;
    readonly policyRateLimit: string;
    readonly offline: string;
    readonly stopped: string;
    readonly closed: string;
    readonly retryNow: string;
    readonly dismiss: string;
    readonly lastClose: string;
  };
  /** Sentence templates for `compareCodes`; `{a}` and `{b}` are replaced by the codes. */
  readonly compare: {
    readonly sameAction: string;
    readonly differentAction: string;
    readonly sameRange: string;
    readonly differentRange: string;
    /** `{code}` may go in a close frame. */
    readonly mayBeSent: string;
    /** `{code}` is 1005 or 1006: never sent, the browser reports it itself. */
    readonly reportedLocally: string;
    /** `{code}` must not be sent, but a non-conforming peer may still send it (1004, 1015, 0-999, 1016-2999, 5000+). */
    readonly mustNotBeSent: string;
    readonly identical: string;
    readonly notSendable: string;
    readonly sendable: string;
    readonly action: string;
    readonly range: string;
    /** Heading of the list of differences in a comparison view. */
    readonly keyDifferences: string;
    /** Heading of the section that says when each code is used. */
    readonly whenToUseWhich: string;
  };
}

/**
 * A language for advice. English (`en`) is built in; others are imported on demand so that an
 * app bundles only the languages it uses.
 *
 * @example
 * ```ts
 * import { tr } from 'closewise/locales/tr';
 * describeClose(1008, tr).locale; // 'tr'
 * ```
 */
export interface Locale {
  /** BCP 47 language tag of this locale, for example `en` or `tr`. */
  readonly id: string;
  /** Advice for each individually named code. */
  readonly codes: Readonly<Record<number, AdviceText>>;
  /** Advice for every code in a range that has no advice of its own. */
  readonly ranges: Readonly<Record<CodeRange, AdviceText>>;
  readonly labels: LocaleLabels;
}

/**
 * The advice half of a locale: text per named code and per range, without the UI labels. This is
 * all `ResilientSocket` needs to put advice in its `policy` events; any `Locale` is one.
 *
 * @example
 * ```ts
 * const catalog: AdviceCatalog = tr;
 * catalog.ranges.private.howToFix;
 * ```
 */
export type AdviceCatalog = Pick<Locale, 'id' | 'codes' | 'ranges'>;

/**
 * Advice that an app or a profile attaches to one of its codes: one text for all locales, or one
 * per locale id (the English one is used where the requested locale has none).
 *
 * @example
 * ```ts
 * const advice: CodeAdvice = { en: { description: '…', whenYouSee: '…', howToFix: '…' } };
 * ```
 */
export type CodeAdvice = AdviceText | Readonly<Record<string, AdviceText>>;

/**
 * How an app or a server profile defines one of its own close codes (3000-4999 and the invalid
 * ranges; 1000-2999 belong to the protocol and can never be redefined).
 *
 * @example
 * ```ts
 * const def: CodeDefinition = { name: 'Session replaced', action: 'stop' };
 * ```
 */
export interface CodeDefinition {
  readonly name: string;
  readonly action: CloseAction;
  /** For `policy` actions: what kind of policy this code reports. */
  readonly policyKind?: PolicyKind;
  /** Advice shown for this code; the range's advice is used where absent. */
  readonly advice?: CodeAdvice;
  /** `fleet` if the code hits every client of a server at once, so reconnects spread wider. */
  readonly scope?: 'fleet' | 'client';
}

/**
 * A contiguous block of codes defined together, for example Pusher's 4100-4199.
 *
 * @example
 * ```ts
 * const range: CodeRangeDefinition = { min: 4100, max: 4199, name: 'Over capacity', action: 'slow-down' };
 * ```
 */
export interface CodeRangeDefinition extends CodeDefinition {
  readonly min: number;
  readonly max: number;
}

/**
 * A set of close codes that a server (or your app) defines: individual codes and ranges.
 * Build one with `defineCodes`, or use a built-in profile such as `graphqlWs`.
 *
 * @example
 * ```ts
 * const codes: CodeMap = defineCodes({ 4001: { name: 'Kicked', action: 'stop' } });
 * ```
 */
export interface CodeMap {
  /** Where the definitions come from, for example `graphql-ws` or `app`. */
  readonly id: string;
  readonly codes: Readonly<Record<number, CodeDefinition>>;
  readonly ranges: readonly CodeRangeDefinition[];
}
