/** "an owner", "an admin", "a viewer": for sentences in mail, errors and pages (no imports, so pages in the browser can use it). */
export const withArticle = (role: string) => (role === "viewer" ? "a viewer" : `an ${role}`);
