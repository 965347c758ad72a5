/** Static files of the local app: the built bundle, the page, and SLDS assets, each folder under a URL prefix. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

export interface StaticRoot {
    /** URL prefix, starting and ending with '/', e.g. '/' or '/slds/'. */
    prefix: string;
    dir: string;
}

const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.map': 'application/json; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.gif': 'image/gif',
    '.ico': 'image/x-icon',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.json': 'application/json; charset=utf-8'
};

/** The file a URL path names inside a root, or null when it would leave the root. */
export function resolveInRoot(root: StaticRoot, pathname: string): string | null {
    if (!pathname.startsWith(root.prefix)) return null;
    let rel: string;
    try {
        rel = decodeURIComponent(pathname.slice(root.prefix.length));
    } catch {
        return null;
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    if (rel.includes('\0')) return null;
    const base = resolve(root.dir);
    const file = resolve(join(base, rel));
    return file.startsWith(base + sep) ? file : null;
}

/** Sends the first matching file; false when no root has it. */
export async function serveStatic(
    roots: readonly StaticRoot[],
    pathname: string,
    req: IncomingMessage,
    res: ServerResponse
): Promise<boolean> {
    // Longest prefix first, so '/slds/' wins over '/'.
    for (const root of [...roots].sort((a, b) => b.prefix.length - a.prefix.length)) {
        const file = resolveInRoot(root, pathname);
        if (!file) continue;
        const info = await stat(file).catch(() => null);
        if (!info || !info.isFile()) continue;
        res.writeHead(200, {
            'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
            'Content-Length': info.size,
            'Cache-Control': 'no-cache'
        });
        if (req.method === 'HEAD') {
            res.end();
            return true;
        }
        await new Promise<void>((done, fail) => {
            const s = createReadStream(file);
            s.on('error', fail);
            s.on('end', done);
            s.pipe(res);
        });
        return true;
    }
    return false;
}
