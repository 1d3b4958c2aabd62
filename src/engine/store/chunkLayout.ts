/** How the token stream is cut into stored rows (token_chunks): fixed-size runs of ids. */
export const TOKENS_PER_CHUNK = 1 << 20;
