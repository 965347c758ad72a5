/**
 * Turns any error an LWC can receive (Apex and UI API fetch responses, DML page and field errors,
 * JavaScript errors, strings, or lists of these) into plain sentences. Every component shows errors through this.
 */

interface MessageHolder {
    message?: unknown;
}

interface FetchErrorBody extends MessageHolder {
    pageErrors?: MessageHolder[];
    fieldErrors?: Record<string, MessageHolder[]>;
    output?: {
        errors?: MessageHolder[];
        fieldErrors?: Record<string, MessageHolder[]>;
    };
}

interface FetchError extends MessageHolder {
    body?: FetchErrorBody | MessageHolder[] | null;
    statusText?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null;
}

function messagesOf(holders: MessageHolder[] | undefined): string[] {
    return (holders ?? []).map((holder) => holder.message).filter((m): m is string => typeof m === 'string');
}

function fieldMessagesOf(fieldErrors: Record<string, MessageHolder[]> | undefined): string[] {
    return Object.values(fieldErrors ?? {}).flatMap((holders) => messagesOf(holders));
}

function messagesOfBody(body: FetchErrorBody): string[] {
    const found = [
        ...messagesOf(body.pageErrors),
        ...fieldMessagesOf(body.fieldErrors),
        ...messagesOf(body.output?.errors),
        ...fieldMessagesOf(body.output?.fieldErrors)
    ];
    if (found.length === 0 && typeof body.message === 'string') {
        found.push(body.message);
    }
    return found;
}

function messagesOfOne(error: unknown): string[] {
    if (typeof error === 'string') {
        return [error];
    }
    if (!isObject(error)) {
        return [];
    }
    const fetchError = error as FetchError;
    if (Array.isArray(fetchError.body)) {
        return messagesOf(fetchError.body);
    }
    if (isObject(fetchError.body)) {
        const fromBody = messagesOfBody(fetchError.body as FetchErrorBody);
        if (fromBody.length > 0) {
            return fromBody;
        }
    }
    if (typeof fetchError.message === 'string') {
        return [fetchError.message];
    }
    if (typeof fetchError.statusText === 'string') {
        return [fetchError.statusText];
    }
    return [];
}

/**
 * Reduces one or more errors into a list of distinct, non-empty messages.
 * @param errors an error, or a list of errors, of any shape LWC delivers
 */
export function reduceErrors(errors: unknown): string[] {
    const list: unknown[] = Array.isArray(errors) ? errors : [errors];
    const messages = list.flatMap((error) => messagesOfOne(error)).filter((message) => message.trim() !== '');
    return [...new Set(messages)];
}
