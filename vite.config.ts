import { reactRouter } from "@react-router/dev/vite";
import { defineConfig, type Plugin } from "vite";

/**
 * Fails the browser build when code bound for the browser imports a Node built-in: a page's
 * component (not its loader or action, which React Router keeps on the server) has imported
 * a server module — the database, the mailer — and the page would break on the client.
 */
function noNodeInBrowser(): Plugin {
  return {
    name: "przystan:no-node-in-browser",
    enforce: "pre",
    resolveId(source, importer) {
      if (this.environment.config.consumer !== "client") return null;
      if (source.startsWith("node:")) {
        this.error(
          `${importer ?? "?"} imports ${source} into the browser bundle: move what the page's component needs out of server modules`,
        );
      }
      return null;
    },
  };
}

export default defineConfig({
  plugins: [noNodeInBrowser(), reactRouter()],
  server: { host: "127.0.0.1" },
});
