// `lightning/navigation` for the local app, which has one page: the app's tab. CurrentPageReference is that tab's
// page reference with the URL's query parameters as state (custom keys keep their c__ prefix, as in Lightning
// Experience); NavigationMixin.Navigate to the same tab rewrites the query string and tells every wired
// CurrentPageReference. Other page types are refused loudly, since the local app has nowhere to go.

const TAB = 'Community_User_Migrator';
const listeners = new Set();

function currentPageReference() {
    const state = {};
    for (const [k, v] of new URLSearchParams(window.location.search)) state[k] = v;
    return { type: 'standard__navItemPage', attributes: { apiName: TAB }, state };
}

function isThisTab(ref) {
    return ref && ref.type === 'standard__navItemPage' && ref.attributes && ref.attributes.apiName === TAB;
}

function urlOf(ref) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(ref.state || {})) if (v !== undefined && v !== null) params.set(k, String(v));
    const query = params.toString();
    return window.location.pathname + (query ? `?${query}` : '');
}

export class CurrentPageReference {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }
    connect() {
        listeners.add(this);
        this.dataCallback(currentPageReference());
    }
    update() {}
    disconnect() {
        listeners.delete(this);
    }
}

window.addEventListener('popstate', () => {
    for (const l of listeners) l.dataCallback(currentPageReference());
});

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export function NavigationMixin(Base) {
    return class extends Base {
        [Navigate](pageReference, replace) {
            if (!isThisTab(pageReference)) {
                throw new Error(
                    `The local app can only navigate within its tab, not to ${JSON.stringify(pageReference)}`
                );
            }
            const url = urlOf(pageReference);
            if (replace) window.history.replaceState(null, '', url);
            else window.history.pushState(null, '', url);
            for (const l of listeners) l.dataCallback(currentPageReference());
        }
        [GenerateUrl](pageReference) {
            if (!isThisTab(pageReference)) {
                return Promise.reject(new Error('The local app can only generate URLs within its tab'));
            }
            return Promise.resolve(urlOf(pageReference));
        }
    };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
