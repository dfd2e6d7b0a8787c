/**
 * Runs in <head> before the first paint, so a dark page never flashes white:
 * the saved choice ("light" | "dark" in localStorage) wins, else the system's
 * prefers-color-scheme, which is followed live while nothing is saved.
 */
export const THEME_KEY = "tm-theme";

export const themeScript = `(function(){try{var k=${JSON.stringify(THEME_KEY)},m=matchMedia("(prefers-color-scheme: dark)"),
a=function(){var s=localStorage.getItem(k);document.documentElement.classList.toggle("dark",s?s==="dark":m.matches)};
a();m.addEventListener("change",a);}catch(e){}})();`;
