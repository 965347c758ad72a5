/**
 * The local app's HTTP server: Apex calls from the components (`POST /apex`), background async steps, the app page
 * and its static assets. One loaded project per server; every org operation (a component call or an async step)
 * goes through one queue, because the runtime keeps the active transaction in process-wide slots.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AsyncStep, LoadedProject } from '../api';
import { serveStatic, type StaticRoot } from './static';

export interface AppServerOptions {
    project: LoadedProject;
    /** Folders served under URL prefixes; the first root holding `index.html` answers `GET /`. */
    staticRoots: StaticRoot[];
    /** Milliseconds between two async steps while jobs are queued; default 200. */
    asyncIntervalMs?: number;
    /** Called with each async step (for the console). */
    onAsyncStep?: (step: AsyncStep) => void;
    /** Largest request body accepted, in bytes; default 5 MB (the Aura request limit is larger, CSVs are small). */
    maxBodyBytes?: number;
    /** Routes tried first (src/server/test-hooks.ts): true when they answered; `exclusive` queues org work. */
    routes?: (
        req: IncomingMessage,
        res: ServerResponse,
        url: URL,
        exclusive: <T>(task: () => Promise<T> | T) => Promise<T>
    ) => Promise<boolean>;
    /** Called after every transaction that may have changed the org (a non-cacheable call, an async step). */
    onOrgChange?: () => void;
    /**
     * Builds a fresh org for `POST /reset` (the shell's "Reset demo org"); the server swaps it in once built. Without
     * it there is no such route.
     */
    reset?: () => Promise<LoadedProject>;
}

export interface AppServer {
    server: Server;
    /** Steps run by the background loop so far. */
    asyncSteps(): number;
    /** Runs fn when no transaction or async step is under way (a save of the org must not see half of one). */
    exclusive<T>(fn: () => Promise<T> | T): Promise<T>;
    /** Stops the loop and closes the server. */
    close(): Promise<void>;
}

/** What the client sends to `/apex`, named as `@salesforce/apex/Class.method` splits it. */
interface ApexRequest {
    classname: string;
    method: string;
    params: Record<string, unknown>;
}

class BadRequest extends Error {}

function parseApexRequest(text: string): ApexRequest {
    let body: unknown;
    try {
        body = JSON.parse(text);
    } catch {
        throw new BadRequest('The request body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('Expected an object');
    const o = body as Record<string, unknown>;
    if (typeof o.classname !== 'string' || !/^\w+$/.test(o.classname))
        throw new BadRequest('classname must be an Apex class name');
    if (typeof o.method !== 'string' || !/^\w+$/.test(o.method))
        throw new BadRequest('method must be an Apex method name');
    const params = o.params ?? {};
    if (typeof params !== 'object' || params === null || Array.isArray(params))
        throw new BadRequest('params must be an object of parameters by name');
    return { classname: o.classname, method: o.method, params: params as Record<string, unknown> };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (c: Buffer) => {
            size += c.length;
            if (size > limit) {
                reject(new BadRequest(`The request body is larger than ${limit} bytes`));
                req.destroy();
                return;
            }
            chunks.push(c);
        });
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
    const text = JSON.stringify(value);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
}

/** An error body shaped like the one LDS gives a component (`reduceErrors` reads `body.message`). */
function errorPayload(status: number, message: string, exceptionType = ''): unknown {
    return { status, body: { message, exceptionType, isUserDefinedException: false, stackTrace: '' } };
}

export function createAppServer(options: AppServerOptions): AppServer {
    let project = options.project;
    const interval = options.asyncIntervalMs ?? 200;
    const maxBody = options.maxBodyBytes ?? 5 * 1024 * 1024;
    let queue: Promise<unknown> = Promise.resolve();
    /** Serialises org work: each task starts when the previous one has settled. */
    const exclusive = <T>(task: () => Promise<T> | T): Promise<T> => {
        const next = queue.then(task, task);
        queue = next.catch(() => undefined);
        return next;
    };

    // The loop runs while there may be queued work: any Apex call can enqueue, and a step can chain another.
    let mayHaveWork = true;
    let steps = 0;
    let stepping = false;
    const timer = setInterval(() => {
        if (!mayHaveWork || stepping) return;
        stepping = true;
        void exclusive(() => project.runNextAsyncStep())
            .then((step) => {
                if (!step) {
                    mayHaveWork = false;
                    return;
                }
                steps++;
                options.onAsyncStep?.(step);
                options.onOrgChange?.();
            })
            .catch((err: unknown) => {
                // A runtime failure outside Apex: report it and stop stepping until the next call.
                mayHaveWork = false;
                process.stderr.write(
                    `local-org serve: async step failed: ${err instanceof Error ? err.message : err}\n`
                );
            })
            .finally(() => {
                stepping = false;
            });
    }, interval);
    timer.unref();

    async function handleApex(req: IncomingMessage, res: ServerResponse): Promise<void> {
        let call: ApexRequest;
        try {
            call = parseApexRequest(await readBody(req, maxBody));
        } catch (e) {
            if (!(e instanceof BadRequest)) throw e;
            sendJson(res, 400, errorPayload(400, e.message));
            return;
        }
        const result = await exclusive(() => project.invokeAura!(call.classname, call.method, call.params));
        mayHaveWork = true;
        if (!(result.ok && result.cacheable)) options.onOrgChange?.();
        if (result.ok) {
            // undefined (a void method) is dropped by JSON.stringify; the client turns a missing value into null.
            sendJson(res, 200, { returnValue: result.returnValue, cacheable: result.cacheable });
            return;
        }
        if (result.emulatorError) {
            process.stderr.write(
                `local-org serve: ${call.classname}.${call.method}: EmulatorError: ${result.body.message}\n`
            );
        }
        sendJson(res, result.status, { status: result.status, body: result.body, emulatorError: result.emulatorError });
    }

    /**
     * POST /reset: a fresh demo org replaces the current one; queued async work of the old org is dropped with it.
     * A JSON content type is required so a cross-site form cannot trigger it (it makes the browser ask first).
     */
    async function handleReset(
        req: IncomingMessage,
        res: ServerResponse,
        build: () => Promise<LoadedProject>
    ): Promise<void> {
        if (req.method !== 'POST') {
            res.setHeader('Allow', 'POST');
            sendJson(res, 405, errorPayload(405, 'Use POST for /reset'));
            return;
        }
        if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
            sendJson(res, 415, errorPayload(415, '/reset takes Content-Type: application/json'));
            return;
        }
        await readBody(req, maxBody);
        const t0 = Date.now();
        await exclusive(async () => {
            project = await build();
            mayHaveWork = false;
        });
        sendJson(res, 200, { reset: true, ms: Date.now() - t0 });
    }

    const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const work = async (): Promise<void> => {
            if (options.routes && (await options.routes(req, res, url, exclusive))) return;
            if (url.pathname === '/apex') {
                if (req.method !== 'POST') {
                    res.setHeader('Allow', 'POST');
                    sendJson(res, 405, errorPayload(405, 'Use POST for /apex'));
                    return;
                }
                if (!project.invokeAura) {
                    sendJson(res, 501, errorPayload(501, 'This local org cannot call @AuraEnabled methods'));
                    return;
                }
                await handleApex(req, res);
                return;
            }
            if (url.pathname === '/reset' && options.reset) {
                await handleReset(req, res, options.reset);
                return;
            }
            if (url.pathname === '/status') {
                sendJson(res, 200, { asyncSteps: steps, asyncIdle: !mayHaveWork });
                return;
            }
            if (req.method !== 'GET' && req.method !== 'HEAD') {
                sendJson(res, 405, errorPayload(405, `${req.method} is not served here`));
                return;
            }
            if (!(await serveStatic(options.staticRoots, url.pathname, req, res))) {
                res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
                res.end(`Not found: ${url.pathname}\n`);
            }
        };
        work().catch((err: unknown) => {
            const message = err instanceof Error ? err.message : String(err);
            process.stderr.write(`local-org serve: ${req.method} ${url.pathname}: ${message}\n`);
            if (!res.headersSent)
                sendJson(res, 500, errorPayload(500, `local-org: ${message}`, 'local-org.EmulatorError'));
            else res.end();
        });
    });

    return {
        server,
        asyncSteps: () => steps,
        exclusive,
        close: () =>
            new Promise<void>((resolve, reject) => {
                clearInterval(timer);
                server.close((err) => (err ? reject(err) : resolve()));
                server.closeAllConnections();
            })
    };
}
