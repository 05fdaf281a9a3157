/**
 * The product's limits, each with the reason for its number. Operational settings that an
 * operator may change come from the environment (`lib/config.ts`); these are not meant to.
 */
export const limits = {
  /**
   * Invite-code tries (a join or a look at an invite link), each reserved before the code is
   * looked up and given back when the code is live: only wrong codes use these up. Why the
   * address counts distinct codes, not tries: `lib/rate-limit/join-attempt-limiter.ts`.
   */
  fields: {
    /** A person's or a class's name: longer than any real one, short enough for a heading. */
    nameCharacters: 200,
    /** A person's display name (`/welcome`, the profile): what fits on a caret, a comment's byline and a roster card. */
    displayNameCharacters: 80,
    /** A conversation's title: a sentence, as chat apps title their chats. */
    titleCharacters: 300,
    /** A class's description: a paragraph or a syllabus excerpt; the column has no limit, this keeps class pages light. */
    descriptionCharacters: 10_000,
    /** An email address: the most RFC 5321 allows (64 + 1 + 255). */
    emailCharacters: 320,
  },
  joinAttempts: {
    /**
     * Tries per signed-in user per window, repeats of one code included. Ten covers every
     * honest typo; at ten guesses per quarter hour, finding one of a school's live codes
     * among 31^8 takes ages.
     */
    perUser: { points: 10, windowSeconds: 15 * 60 },
    /**
     * Distinct codes tried from one IP address per window (a code already tried from it costs
     * nothing more). A lecture of 300 behind one school address makes one wrong code of a typo
     * on the slide, and a few dozen more of their own typos; a machine guessing with many
     * accounts tests at most 120 codes a quarter hour, as many as the earlier split budgets
     * (60 early + 60 later tries) let through.
     */
    wrongCodesPerAddress: { points: 120, windowSeconds: 15 * 60 },
  },
  sync: {
    /**
     * Largest WebSocket message accepted. Pasting a whole long chat into the editor makes
     * one update of a few MB; 8 MiB leaves room without letting one client pin much memory.
     */
    maxMessageBytes: 8 * 1024 * 1024,
    /**
     * Connections to one conversation. A lecture of 300 following the instructor fits with
     * room for their second tabs; past this, one document's fan-out would starve the others.
     */
    maxConnectionsPerDocument: 500,
    /**
     * New connections per signed-in person, counted once their session is read (before the
     * access check's query): a bucket of 30 refilled at 1 per second. Someone with a dozen
     * tabs over several conversations reconnecting at once after a restart (1012) fits; one
     * person's tabs stuck in a reconnect loop, or a script with their cookie, are held to one
     * a second. Per person, not per address: a school's 300 behind one NAT address each have
     * their own, so a restart lets the whole lecture back in at once.
     */
    newConnectionsPerPerson: { burst: 30, refillPerSecond: 1 },
    /**
     * Upgrades refused as unauthenticated (no cookie, a bad one, an ended session), per
     * address (an IPv6 /64): a bucket of 600 refilled at 10 per second, past which they are
     * answered 429 instead of 401. Only refusals spend it, so a script without a cookie
     * behind a school's address never stops a signed-in classmate there; a refusal costs no
     * query unless the cookie is one we signed, so it can be large: a lecture of 300 whose
     * sessions all ended reconnecting twice fits.
     */
    unauthenticatedUpgradesPerAddress: { burst: 600, refillPerSecond: 10 },
    /** Ping interval; a connection that has not answered the previous ping is dropped. */
    keepAliveIntervalMs: 30_000,
    /** Most updates in one log INSERT: keeps a statement under a few MB after an outage. */
    maxBatchUpdates: 2_000,
    /**
     * The shortest time between the starts of two log writes of an idle writer: an update that
     * finds it idle waits at most this long for others to share its transaction (none when the
     * last write started this long ago; updates arriving during a write never wait). An edit is
     * in PostgreSQL within this (or `logCompanyMs`, the longer) plus one write, well inside the
     * 100 ms the contract promises,
     * and steady typing costs one transaction per window rather than one per keystroke (writes
     * follow one another back to back only while updates keep arriving during them).
     */
    logGatherMs: 40,
    /**
     * How long a stream's lone update waits for the stream's next (`UpdateLogWriter`'s
     * `companyMs`): a lone typist at 20 keystrokes a second, too far apart for the window,
     * shares a write with the next keystroke whenever it comes within this. Only updates that
     * follow another within this long wait; such an edit is in PostgreSQL within this plus
     * one write, inside the 100 ms.
     */
    logCompanyMs: 50,
    /** Backoff for log writes while the database is unreachable: 100 ms doubling to 5 s. */
    retryDelayMs: { initial: 100, max: 5_000 },
    /** Compact a document once this many log rows have piled up since its last compaction... */
    compactAfterLogRows: 500,
    /** ...or this long after its last edit, whichever comes first. */
    compactAfterIdleMs: 10_000,
    /** How long an empty document stays loaded, so a page reload does not reload it from disk. */
    unloadAfterMs: 2_000,
    /**
     * Backoff for a compaction that failed: 1 s doubling to 5 min. The log keeps every edit
     * meanwhile (compaction only folds it), so retrying slowly costs load time, not data.
     */
    compactionRetryDelayMs: { initial: 1_000, max: 5 * 60_000 },
    /**
     * New Yjs client ids one update may bind to its writer. A browser uses one per page load;
     * an offline copy that comes back after several reloads carries a few. Each is a stored row.
     */
    maxNewClientIdsPerUpdate: 64,
    /**
     * Updates of one connection held back because they build on something the server does
     * not have yet (it arrives in a later message). Past this, the connection is closed.
     */
    maxHeldUpdates: 64,
    /** One presence state (a caret and a name is well under 1 KiB); larger ones are dropped, not relayed. */
    maxPresenceStateBytes: 8 * 1024,
    maxHeldBytes: 8 * 1024 * 1024,
    /**
     * Connections of one person to one conversation: several tabs and a phone. Past it the
     * next is closed with 4290, so one member's sockets cannot fill the document.
     */
    maxConnectionsPerUserPerDocument: 8,
    /**
     * Messages one connection may send: a burst of 100, then 100 per second. Fast typing is
     * 10 to 20 updates a second plus as many caret moves, and a page that (re)connects sends
     * three; past the rate the server stops reading that socket until it may
     * (backpressure), so one member's flood costs the event loop at most 100 small updates
     * a second per connection, after a burst that takes a few milliseconds.
     */
    messagesPerConnection: { burst: 100, refillPerSecond: 100 },
    /**
     * Bytes one connection may send: a burst of 16 MiB (two pastes of the largest message),
     * then 512 KiB per second (typing is a few KB a second), metered like the messages.
     * Every byte in is sent to everyone in the room, so this also bounds the fan-out.
     */
    bytesPerConnection: { burst: 16 * 1024 * 1024, refillPerSecond: 512 * 1024 },
    /**
     * Server time (milliseconds) one connection's messages may take: a burst of 2 s, then
     * 100 ms per second. Checking and applying a 5 MiB paste takes about a second, a
     * keystroke well under a millisecond; but a crafted update of the same size with
     * hundreds of thousands of tiny items takes seconds. Past it the socket is paused until
     * the debt is repaid, so no connection keeps the event loop busy more than a tenth of
     * the time.
     */
    serverTimePerConnection: { burst: 2_000, refillPerSecond: 100 },
    /**
     * The same three rates for all of one person's connections together (every tab, every
     * conversation, in this process), taken besides each connection's own: without them,
     * eight connections to each of many documents multiply what one member may cost. A
     * person types in one tab at a time, so their total server time is what one connection
     * gets (a tenth of the event loop, whatever number of sockets); messages and bytes get
     * twice one connection's burst and rate, for a dozen tabs reconnecting at once (three
     * messages each) and a paste while another tab syncs.
     */
    messagesPerPerson: { burst: 200, refillPerSecond: 200 },
    bytesPerPerson: { burst: 32 * 1024 * 1024, refillPerSecond: 1024 * 1024 },
    serverTimePerPerson: { burst: 2_000, refillPerSecond: 100 },
    /**
     * Live-sync work (milliseconds) handled in one event-loop turn, across all connections.
     * One TCP read can carry hundreds of messages, handled back to back; past this the rest
     * wait for the next turn, so HTTP requests and other rooms get in between. 25 ms is an
     * unnoticed pause, and with the turn's fan-out after it stays under the 50 ms stall the
     * lecture bench allows when 300 renew their presence at once (with 50, the fan-out took
     * the stall past it); a keystroke costs well under a millisecond, so typing never waits.
     */
    maxWorkPerTurnMs: 25,
    /**
     * Bytes sent to a connection and not yet read by it, past which the next send cuts it
     * off. A newcomer is sent the whole document (up to `document.maxDocumentBytes`, 48 MiB)
     * at once, and a page on a slow network lags by a paste or two on top: 64 MiB. One that
     * stops reading would otherwise hold everything the room says until its keep-alive
     * fails (up to a minute); a page that reconnects resyncs in one message.
     */
    maxUnreadBytesPerConnection: 64 * 1024 * 1024,
    /**
     * Messages already read from a paused socket and waiting for the rate (at most 5 s of
     * it). An honest page has a few dozen in flight; a flood read in one go has thousands,
     * and is closed (4291): the stock client reconnects and resyncs in one message.
     */
    maxQueuedMessagesPerConnection: 500,
    /**
     * Presence updates one connection may send: a burst of 60, then 30 per second (caret
     * moves, a presenter's scrolling). Past it the latest is kept and applied when the rate
     * allows, so the last state always arrives and nothing is closed.
     */
    presenceUpdatesPerConnection: { burst: 60, refillPerSecond: 30 },
    /**
     * Presence client ids one connection may speak for: a page uses one; a few cover a
     * reload racing its old socket. Each id is a state every newcomer is sent.
     */
    maxPresenceClientIdsPerConnection: 4,
    /**
     * How long a closed connection's peer has to answer the close handshake before its socket
     * is cut: a page answers in a round trip; 5 s covers a slow phone network.
     */
    closeHandshakeTimeoutMs: 5_000,
    /**
     * How long unloading a room may take to store it (log, compaction, versions). Bounded so
     * that a newcomer waiting on the unload is not held up by a database outage; 10 s is
     * well past a healthy store of the largest document.
     */
    unloadDeadlineMs: 10_000,
    /**
     * Least wait before a room whose unload could not store it tries again (at least
     * `unloadAfterMs`): the database is likely still down, and its edits stay in memory meanwhile.
     */
    unloadRetryDelayMs: 5_000,
    /**
     * How long a signed-out session is remembered, so that a connection still opening with
     * it (its document loading) is refused: 10 minutes, longer than any opening takes.
     */
    keepSignedOutSessionsMs: 10 * 60_000,
    /**
     * Times an opening connection's access is decided again while access changes keep reaching
     * it during the checks, before it is refused with 503 (the client retries): five changes
     * in a row within a few milliseconds is a storm, not a teacher at work.
     */
    maxOpeningDecisions: 5,
    /**
     * Keys of a connection rate limiter (people, addresses) past which its full buckets are
     * forgotten: 50,000 is far past a school's people and addresses, and a sweep of that many
     * entries takes a few milliseconds.
     */
    rateLimiterSweepAboveKeys: 50_000,
  },
  /**
   * What one conversation document may hold. The live-sync server refuses (4413) an update
   * that would pass any of these before applying it, and the import refuses a paste that
   * would, so no member can make a conversation impossible to open, export or store.
   */
  document: {
    /**
     * Deepest nesting of elements under `content` (a turn is depth 1). Real chats nest a
     * list in a quote in a list, about 8 deep; browsers and ProseMirror render recursively
     * and fail in the low thousands, so 32 is far from both.
     */
    maxNestingDepth: 32,
    /**
     * Elements (turns, paragraphs, list items, cells…) under `content`. The longest fixture
     * has under 2,000; a semester-long shared transcript of 50,000 is still fast to render.
     */
    maxElements: 100_000,
    /**
     * Characters of text in the whole document. The largest paste (5 M characters, the
     * import limit) fits with room to annotate and edit it.
     */
    maxTextCharacters: 6_000_000,
    /**
     * A workspace's written response (`response`), bounded on its own so that it cannot
     * crowd out the transcript: the same nesting as the transcript; 20,000 elements
     * (paragraphs, list items, headings) and 200,000 characters (some 30,000 words, ten times
     * a long essay) are far past any word limit an activity sets.
     */
    response: { maxNestingDepth: 32, maxElements: 20_000, maxTextCharacters: 200_000 },
    /** Highlights (entries of `annotations`) and tags: far beyond what a class writes. */
    maxAnnotations: 20_000,
    /**
     * Root types (the layout has four; a plugin might add a few). Each costs a scan when an
     * update is placed, so thousands would slow every check.
     */
    maxRootTypes: 64,
    /** Client ids bound in one conversation: a page load each; a semester of a busy class is a few thousand. */
    maxClientIds: 20_000,
    maxTags: 500,
    /** Comments on one highlight: a long discussion is a few dozen. */
    maxCommentsPerHighlight: 500,
    /**
     * Characters of one comment and of one tag name (the live-sync server refuses longer, the
     * page's inputs stop there): a comment is a remark, not an essay; a tag fits a chip.
     */
    maxCommentCharacters: 2_000,
    maxTagNameCharacters: 40,
    /**
     * The encoded document (stored state plus what was applied since). A 5 M-character
     * paste encodes to about 6 MiB; past 48 MiB, loading and compaction get slow for
     * everyone in the room.
     */
    maxDocumentBytes: 48 * 1024 * 1024,
    /**
     * The prefix of a conversation's text that the full-text index covers. A tsvector holds
     * at most 1 MB; at worst (distinct two-letter words in a three-byte script) the text
     * costs 4 bytes of tsvector per character, so 200,000 characters stay below it, and
     * they are the first 40,000 words or so of a chat: where its topic is.
     */
    searchIndexCharacters: 200_000,
    /**
     * Characters of a conversation's `annotation_text` (the tag names and comments of its live
     * highlights, written at compaction), searched beside the text: ten long discussions'
     * worth, and at the worst 4 bytes per character it keeps the whole search vector (with
     * the text's 800 KB) below a tsvector's 1 MB.
     */
    annotationSearchCharacters: 20_000,
  },
  import: {
    /**
     * Characters of pasted text or HTML in one import. The longest real chat copied from a
     * browser is a few hundred thousand; 5 M leaves room for that tenfold, fits a document
     * (`document.maxTextCharacters`) with room to edit, and keeps one request well under a minute.
     */
    pasteMaxCharacters: 5_000_000,
    /**
     * The same paste in UTF-8 bytes, checked before it is parsed: the parse's cost and memory
     * grow with the bytes, and 5 MiB is what 5 M characters of mostly ASCII take.
     */
    pasteMaxBytes: 5 * 1024 * 1024,
    /**
     * Bytes of one API request body (`lib/http/api-handler.ts`), read before it is parsed.
     * The largest paste must fit as a JSON string, where every quote, backslash and line
     * break of HTML takes two bytes: twice `pasteMaxBytes`, and 1 MiB for the title and the rest.
     */
    requestBodyMaxBytes: 11 * 1024 * 1024,
  },
  versions: {
    /**
     * How long unloading waits for the document's versions to be stored. The log holds every
     * edit, so past this the room unloads anyway (the version is lost, the text is not):
     * a version store that fails must not keep a room in memory for ever.
     */
    unloadWaitMs: 5_000,
    /** While a document is being edited, a version is kept at least this often. */
    everyMs: 5 * 60_000,
    /** An update removing more than this fraction of the text is preceded by a version. */
    largeDeletionFraction: 0.2,
    /** Versions per page of the History list. */
    pageSize: 50,
    /** The most one page may ask for (`?limit=`): bounds one request's work. */
    pageMax: 100,
    /**
     * A version is stored whole (not as a difference) once the differences since the last
     * whole one outgrow both it and this: reconstructing any version then reads at most about
     * twice the document plus this, and storage stays within a small multiple of the document.
     */
    differenceBytesBeforeWholeState: 1024 * 1024,
    /**
     * Comparing a version with now, line by line (Myers), after setting aside the lines both
     * share at the start and end. Its cost grows with (lines left) × (lines changed) in time
     * and (lines changed)² in memory: 10,000 lines and 1,000 changes stay under a tenth of a
     * second and 4 MB in a phone's browser; past them the History panel says so instead.
     */
    compareMaxLines: 10_000,
    compareMaxChangedLines: 1_000,
    /** Changed lines the History panel draws for one comparison; the rest are counted. */
    compareShownLines: 2_000,
  },
  readiness: {
    /**
     * How long `GET /readyz` waits for the database's `select 1`. Load balancers give a probe
     * 2 to 5 s; answering 503 after 1 s leaves room for the answer to reach them, and a
     * database slower than that to say 1 is not one to send people to.
     */
    databaseTimeoutMs: 1_000,
  },
  trash: {
    /** A deleted conversation can be restored for this long, then it is removed for good. */
    retentionDays: 30,
    /** How often the server looks for conversations to remove for good. */
    purgeIntervalMs: 60 * 60_000,
  },
  /**
   * Signed-in sessions (`lib/auth/user-sessions.ts`), chosen for shared school computers,
   * where the real risk is the next person at the same machine. Signing out ends a session
   * at once; these end the ones nobody signed out of.
   */
  sessions: {
    /**
     * Without a page load, an API call, a live connection opening or an edit sent over one for this long, the session
     * ends. Four hours outlasts a double lesson with the page open and a lunch break, so nobody
     * is signed out mid-lesson; it is half a school day, so a computer left signed in at noon
     * is signed out by the end of the afternoon and one left in the afternoon by the morning.
     */
    idleTimeoutMs: 4 * 60 * 60_000,
    /**
     * The most a session lives, however busy. A person signs in once a school day anyway (the
     * idle timeout sees to that); this bounds a copied cookie kept alive by a script to a day.
     */
    lifetimeMs: 24 * 60 * 60_000,
    /** `lastSeenAt` is written at most this often: one UPDATE a minute per active session, not one per request. */
    lastSeenWriteIntervalMs: 60_000,
  },
  signInLinks: {
    /**
     * Magic links sent to one address per window. Someone whose mail is slow asks again once
     * or twice; five covers that. The window is short because anyone can spend this budget
     * for an address that is not theirs: they lock its owner out of email links (SSO still
     * works) for at most a quarter hour, and can make us mail one inbox at most 20 times an hour.
     * Checked first: a request refused for its email costs the client address nothing.
     */
    perEmail: { points: 5, windowSeconds: 15 * 60 },
    /**
     * Links requested from one IP address per window, whatever the addresses. Sessions end
     * each school day, so a school of 600 behind one NAT address signs in every morning, most
     * of it in the quarter hour before the first lesson; 1,000 fits all 600 with a third of
     * them asking twice. A script mailing a list of addresses is stopped after 1,000 a quarter
     * hour (and each inbox still gets at most five).
     */
    perAddress: { points: 1000, windowSeconds: 15 * 60 },
  },
  activities: {
    /** An activity's instructions (Markdown): several pages of a handout, short enough to render on every view. */
    instructionsCharacters: 20_000,
    /** A response word limit: the response itself holds some 30,000 words at most (`document.response`). */
    maxResponseWords: 30_000,
    /** The most a numeric grade may be out of: percentages, points, and room above. */
    maxGradeOutOf: 1000,
  },
  submissions: {
    /** An instructor's feedback on returned work: a page or two of comments, as long as an activity's instructions. */
    feedbackCharacters: 20_000,
    /** A free-text grade ("A-", "Pass with merit"): the column's length. */
    gradeCharacters: 100,
  },
} as const;

/** A limits section with its numbers widened, for tests and callers that override them. */
type Widen<T> = T extends number ? number : T extends object ? { -readonly [K in keyof T]: Widen<T[K]> } : T;
export type SyncLimits = Widen<typeof limits.sync>;
export type JoinAttemptLimits = Widen<typeof limits.joinAttempts>;
