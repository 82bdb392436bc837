/** What a feature answers when it may refuse: the result, or the reason to show the user. */
export type Refusable<T> = { ok: T } | { error: string };
