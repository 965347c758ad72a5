// The sa11y matcher registered in jest-sa11y-setup.js.
declare namespace jest {
    interface Matchers<R> {
        /** Passes when the element has no accessibility violations under the sa11y base rules. */
        toBeAccessible(config?: unknown): Promise<R>;
    }
}
