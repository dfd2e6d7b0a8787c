// The production server's environment: glibc's malloc thresholds fixed unless
// the operator set them (they are read only when the process starts).
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM scripts
import { serverEnv } from "../../scripts/env.mjs";

describe("serverEnv", () => {
  it("fixes glibc's malloc thresholds at 128 KB and keeps the rest", () => {
    expect(serverEnv({ PORT: "3000" })).toEqual({ PORT: "3000", MALLOC_MMAP_THRESHOLD_: "131072", MALLOC_TRIM_THRESHOLD_: "131072" });
  });

  it("takes an empty setting (a copied .env.example) as unset", () => {
    expect(serverEnv({ MALLOC_MMAP_THRESHOLD_: "", MALLOC_TRIM_THRESHOLD_: "" })).toEqual({ MALLOC_MMAP_THRESHOLD_: "131072", MALLOC_TRIM_THRESHOLD_: "131072" });
  });

  it("leaves thresholds the operator set alone", () => {
    const env = serverEnv({ MALLOC_MMAP_THRESHOLD_: "1048576", MALLOC_TRIM_THRESHOLD_: "0" });
    expect(env.MALLOC_MMAP_THRESHOLD_).toBe("1048576");
    expect(env.MALLOC_TRIM_THRESHOLD_).toBe("0");
  });
});
