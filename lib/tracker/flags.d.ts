// Which extensions a build of the tracker holds, set per variant by
// scripts/build-tracker.mjs (esbuild `define`): code behind a false flag is
// dropped from that file, so the core pays nothing for them.
declare const TM_CROSS: boolean;
declare const TM_DOWNLOADS: boolean;
declare const TM_OUTBOUND: boolean;
declare const TM_SCROLL: boolean;
declare const TM_VITALS: boolean;
