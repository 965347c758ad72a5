import { LightningElement } from 'lwc';

/**
 * A Lightning Experience-like page around the app's tab: global header, app name, the one tab. The header's
 * "Reset demo org" asks first, then POSTs /reset (the server builds a fresh demo org) and reloads the page, so
 * every component starts over on the new org.
 */
export default class Shell extends LightningElement {
    confirming = false;
    resetting = false;
    resetError = '';

    get resetLabel() {
        return this.resetting ? 'Resetting the demo org…' : 'Reset demo org';
    }

    handleResetAsk() {
        this.resetError = '';
        this.confirming = true;
    }

    handleResetCancel() {
        this.confirming = false;
    }

    async handleResetConfirm() {
        this.confirming = false;
        this.resetting = true;
        try {
            const res = await fetch('/reset', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: '{}'
            });
            if (!res.ok) throw new Error(`the server answered ${res.status}`);
            window.location.assign('/');
        } catch (err) {
            this.resetting = false;
            this.resetError = `Reset failed: ${err && err.message ? err.message : err}`;
        }
    }
}
