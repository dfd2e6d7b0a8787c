// Extension "file-downloads": a click on a link to a file is a goal.
// `data-file-types="pdf,epub"` replaces the list of extensions.
import { cfg } from "../config";
import { send } from "../send";

const TYPES = "pdf,xlsx,docx,txt,rtf,csv,exe,key,pps,ppt,pptx,7z,pkg,rar,gz,zip,avi,mov,mp4,mpeg,wmv,midi,mp3,wav,wma,dmg,iso,msi";

/** Sends the goal and says so when the link points at a file. */
export const clickDownload = (a: HTMLAnchorElement) => {
  const ext = /\.(\w+)$/.exec(a.pathname);
  if (ext && (cfg.fileTypes || TYPES).toLowerCase().split(/[\s,.]+/).includes(ext[1].toLowerCase())) {
    send("goal", { name: "file_download", props: { url: a.href } });
    return 1;
  }
};
