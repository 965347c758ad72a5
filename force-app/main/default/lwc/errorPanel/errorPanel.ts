import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';

/** The one place errors are shown: a friendly headline and the reduced messages underneath. */
export default class ErrorPanel extends LightningElement {
    /** Any error shape LWC delivers (Apex, UI API, JS), or a list of them. */
    @api errors: unknown;

    /** Headline shown above the details. */
    @api friendlyMessage = 'Something went wrong.';

    get messages(): string[] {
        return reduceErrors(this.errors);
    }

    get hasMessages(): boolean {
        return this.messages.length > 0;
    }
}
