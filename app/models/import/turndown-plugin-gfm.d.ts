// turndown-plugin-gfm ships no types: the plugins it gives are turndown plugins.
declare module "turndown-plugin-gfm" {
  import type TurndownService from "turndown";
  const plugins: {
    gfm: TurndownService.Plugin;
    tables: TurndownService.Plugin;
    strikethrough: TurndownService.Plugin;
    taskListItems: TurndownService.Plugin;
    highlightedCodeBlock: TurndownService.Plugin;
  };
  export default plugins;
}
