// `@salesforce/apex/Class.method` in the local app: each import is a function bound to one method that POSTs to
// the local server's /apex (one transaction as the admin). Imperative calls return a promise, as on the platform;
// the same function is a wire adapter (`fn.adapter`, which the LWC engine looks for) for @wire use.
// Errors reach the component in the shape LDS gives: { status, ok: false, statusText, body: { message, ... } }.

const ENDPOINT = '/apex';

function failure(status, body) {
    return {
        status,
        ok: false,
        statusText: status === 400 ? 'Bad Request' : 'Server Error',
        headers: {},
        body: body ?? { message: `The local server answered ${status}` }
    };
}

/** One call; resolves with { value, cacheable }, rejects with the LDS-shaped error. */
async function post(className, methodName, params) {
    let response;
    try {
        response = await fetch(ENDPOINT, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ classname: className, method: methodName, params: params ?? {} })
        });
    } catch (err) {
        // Network failure: the server is down. Status 0, as a failed fetch reports it in LDS.
        throw failure(0, { message: `The local server cannot be reached (${err && err.message ? err.message : err})` });
    }
    let json = null;
    try {
        json = await response.json();
    } catch {
        // handled below
    }
    if (!response.ok) throw failure(response.status, json && json.body);
    if (!json) throw failure(response.status, { message: 'The local server answered without JSON' });
    // A void method answers without returnValue; the platform gives the component null.
    return { value: json.returnValue === undefined ? null : json.returnValue, cacheable: json.cacheable === true };
}

/** Each value a wire adapter provisioned → that adapter, so refreshApex(value) can ask it again. */
const provisioned = new WeakMap();

/**
 * `refreshApex` of `@salesforce/apex`: calls the wired method again with the wire's current parameters and
 * provisions the fresh value; resolves once it is delivered. A value no wire provisioned refreshes nothing.
 */
export function refreshApex(wiredValue) {
    const adapter = wiredValue && typeof wiredValue === 'object' ? provisioned.get(wiredValue) : undefined;
    return adapter ? adapter.fetch(true) : Promise.resolve();
}

function wireAdapter(className, methodName) {
    return class ApexWireAdapter {
        constructor(dataCallback) {
            this.dataCallback = dataCallback;
            this.connected = false;
            this.lastKey = null;
            this.config = null;
            this.generation = 0;
        }
        update(config) {
            this.config = config ?? {};
            if (this.connected) this.fetch();
        }
        connect() {
            this.connected = true;
            if (this.config) this.fetch();
        }
        disconnect() {
            this.connected = false;
            this.lastKey = null;
        }
        provision(value) {
            provisioned.set(value, this);
            this.dataCallback(value);
        }
        fetch(force = false) {
            const params = this.config;
            // As LDS does, no call while a reactive parameter is still undefined.
            if (!params || Object.values(params).some((v) => v === undefined)) return Promise.resolve();
            const key = JSON.stringify(params);
            if (key === this.lastKey && !force) return Promise.resolve();
            this.lastKey = key;
            const generation = ++this.generation;
            return post(className, methodName, params).then(
                (r) => {
                    if (generation !== this.generation || !this.connected) return;
                    if (!r.cacheable) {
                        this.provision({
                            data: undefined,
                            error: failure(400, {
                                message: `${className}.${methodName} is used with @wire but is not @AuraEnabled(cacheable=true)`
                            })
                        });
                        return;
                    }
                    this.provision({ data: r.value, error: undefined });
                },
                (error) => {
                    if (generation !== this.generation || !this.connected) return;
                    this.provision({ data: undefined, error });
                }
            );
        }
    };
}

export function apexMethod(className, methodName) {
    const call = (params) => post(className, methodName, params).then((r) => r.value);
    call.adapter = wireAdapter(className, methodName);
    return call;
}
