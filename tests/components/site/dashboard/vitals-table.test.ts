import { describe, expect, it } from "vitest";
import { formatVital, LEGEND, totalLine, vitalCell, vitalsLines, type VitalsAnswer } from "@/components/site/dashboard/vitals-table";

describe("formatVital", () => {
  it("shows milliseconds below a second, seconds above, CLS as a plain number", () => {
    expect(formatVital("inp", 184)).toBe("184 ms");
    expect(formatVital("ttfb", 999.6)).toBe("1000 ms");
    expect(formatVital("lcp", 2481)).toBe("2.48 s");
    expect(formatVital("lcp", 2500)).toBe("2.5 s");
    expect(formatVital("lcp", 12_345)).toBe("12.3 s");
    expect(formatVital("cls", 0.1)).toBe("0.1");
    expect(formatVital("cls", 0.0432)).toBe("0.04");
    expect(formatVital("cls", 0.0043)).toBe("0.004");
    expect(formatVital("cls", 0)).toBe("0");
  });
});

describe("the panel's rows", () => {
  const m = (p75: number, rating: "good" | "needs_improvement" | "poor", samples = 3) => ({ p75, samples, rating });
  const answer: VitalsAnswer = {
    total: { samples: 4, lcp: m(3100, "needs_improvement", 4), inp: m(180, "good"), cls: null, ttfb: m(2000, "poor", 1) },
    pages: [
      { value: "/", samples: 3, lcp: m(3100, "needs_improvement"), inp: m(180, "good"), cls: null, ttfb: null },
      { value: "/pricing", samples: 1, lcp: m(1200, "good", 1), inp: null, cls: null, ttfb: m(2000, "poor", 1) },
    ],
    devices: [{ value: "mobile", samples: 4, lcp: m(3100, "needs_improvement", 4), inp: null, cls: null, ttfb: null }],
  };

  it("keeps the answer's order, one cell per metric in LCP, INP, CLS, TTFB order, with the rating", () => {
    const lines = vitalsLines(answer, "pages");
    expect(lines.map((l) => [l.value, l.samples, ...l.cells.map((c) => `${c.text}:${c.rating}`)])).toEqual([
      ["/", 3, "3.1 s:needs_improvement", "180 ms:good", "–:null", "–:null"],
      ["/pricing", 1, "1.2 s:good", "–:null", "–:null", "2 s:poor"],
    ]);
    expect(vitalsLines(answer, "devices").map((l) => l.value)).toEqual(["mobile"]);
    expect(totalLine(answer).cells.map((c) => c.name)).toEqual(["lcp", "inp", "cls", "ttfb"]);
  });

  it("says what a cell means on hover: the p75, the page loads and the thresholds", () => {
    expect(vitalCell("ttfb", m(2000, "poor", 1)).title).toBe("TTFB p75 2 s over 1 page load: poor (good ≤ 800 ms, poor > 1.8 s)");
    expect(vitalCell("cls", null).title).toBe("CLS: not measured (good ≤ 0.1, poor > 0.25)");
    expect(LEGEND.map((l) => `${l.label} ${l.text}`)).toEqual([
      "LCP good ≤ 2.5 s, poor > 4 s", "INP good ≤ 200 ms, poor > 500 ms", "CLS good ≤ 0.1, poor > 0.25", "TTFB good ≤ 800 ms, poor > 1.8 s",
    ]);
  });
});
