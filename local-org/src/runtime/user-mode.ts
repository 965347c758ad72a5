/**
 * User-mode data access (`WITH USER_MODE`, `WITH SECURITY_ENFORCED`, `insert as user`) is not emulated yet
 * (LEDGER NE-04). Running it in system mode would be more lenient than an org for most users, so it is allowed
 * only for a running user with the System Administrator profile (Modify All Data: its object checks pass, and the
 * local org models no field-level restriction for it); any other running user gets an EmulatorError.
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_enforce_usermode.htm
 */
import { runningUser } from './baseline';
import { EmulatorError } from './context';
import { currentOrg } from './org-data';

export function requireUserModeSupported(what: string): void {
    const store = currentOrg.org?.store;
    if (!store) throw new EmulatorError(`${what} needs a loaded project`);
    const user = store.get(runningUser.id);
    const profile = user ? store.get(String(user.values.get('profileid'))) : undefined;
    if (profile && profile.values.get('name') === 'System Administrator') return;
    throw new EmulatorError(
        `${what} for a running user without the System Administrator profile is not emulated yet (CRUD/FLS are not enforced; LEDGER NE-04)`
    );
}
