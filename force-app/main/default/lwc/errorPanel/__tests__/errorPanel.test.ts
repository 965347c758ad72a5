import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';

function mount(props: Record<string, unknown>): HTMLElement {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function shadow(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

describe('c-error-panel', () => {
    afterEach(() => {
        document.body.replaceChildren();
    });

    it('shows the friendly message and every reduced error', async () => {
        const element = mount({
            friendlyMessage: 'Loading failed.',
            errors: [{ body: { message: 'No access.' } }, new Error('Timed out.')]
        });

        const heading = shadow(element).querySelector('h2');
        const items = [...shadow(element).querySelectorAll('li.message')].map((li) => li.textContent);
        expect(heading?.textContent).toBe('Loading failed.');
        expect(items).toEqual(['No access.', 'Timed out.']);
        await expect(element).toBeAccessible();
    });

    it('shows only the default headline when the error carries no message', async () => {
        const element = mount({ errors: {} });

        expect(shadow(element).querySelector('h2')?.textContent).toBe('Something went wrong.');
        expect(shadow(element).querySelector('ul')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('is announced as an alert', () => {
        const element = mount({ errors: 'x' });

        expect(shadow(element).querySelector('[role="alert"]')).not.toBeNull();
    });
});
