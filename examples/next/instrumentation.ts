// Nothing to set up; the file keeps Next.js from picking up an instrumentation file further up (the repository root's).
export function register() {}
