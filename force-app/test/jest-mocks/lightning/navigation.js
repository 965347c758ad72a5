// Test double for lightning/navigation: CurrentPageReference is a test wire adapter (emit a page reference), and
// NavigationMixin records every Navigate call so tests can read what the component asked for.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');
const calls = [];

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            calls.push({ pageReference, replace });
        }

        [GenerateUrl](pageReference) {
            return Promise.resolve(`/generated/${pageReference.type}`);
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

/** Every Navigate call since the last reset, oldest first. */
export function getNavigateCalls() {
    return calls;
}

export function resetNavigateCalls() {
    calls.length = 0;
}
