import { createElement } from 'lwc';
import MigrationApp from 'c/migrationApp';

jest.mock(
    '@salesforce/apex/LicenseSummaryController.getExternalLicenseSummary',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

describe('c-migration-app', () => {
    afterEach(() => {
        document.body.replaceChildren();
    });

    it('shows the app title and hosts the license summary', async () => {
        const element = createElement('c-migration-app', { is: MigrationApp });
        document.body.appendChild(element);

        const shadow = element.shadowRoot as ShadowRoot;
        expect(shadow.querySelector('h1')?.textContent).toBe('Community User Migrator');
        expect(shadow.querySelector('c-license-summary')).not.toBeNull();
        await expect(element).toBeAccessible();
    });
});
