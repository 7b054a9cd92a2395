import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/**
 * The one HTML page builder for webviews: `default-src 'none'`, scripts only by nonce, styles and
 * scripts only from the extension's media folder. Nothing from outside is put into the HTML:
 * data arrives by postMessage and the script renders it as text.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, o: { title: string; script: string[]; style: string[] }): string {
  const nonce = randomBytes(16).toString('base64');
  const uri = (parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', ...parts)).toString();
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri(o.style)}">
<title>${o.title.replace(/[<>&"]/g, '')}</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${nonce}" src="${uri(o.script)}"></script>
</body>
</html>`;
}

/** Webview options: scripts on, resources only from media/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
}
