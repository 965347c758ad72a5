import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getExternalLicenseSummary from '@salesforce/apex/LicenseSummaryController.getExternalLicenseSummary';

/** One license as the controller returns it; generated from the Apex class LicenseSummaryService.LicenseSeats. */
export type LicenseSeats = ApexTypes.LicenseSummaryService_LicenseSeats;

/** A license row as the table shows it. */
interface LicenseRow extends LicenseSeats {
    userTypeLabel: string;
    percentUsed: number;
    availableClass: string;
}

interface WireResult<T> {
    data?: T;
    error?: unknown;
}

/** Share of seats used at which a license is shown as nearly full. */
const NEARLY_FULL_PERCENT = 90;

/** Object Reference, User.UserType: the API values and the labels admins see in Setup. */
const USER_TYPE_LABELS: Record<string, string> = {
    CspLitePortal: 'High Volume Portal (Customer Community)',
    CustomerSuccess: 'Customer Portal',
    PowerCustomerSuccess: 'Customer Portal Manager (Customer Community Plus)',
    PowerPartner: 'Partner'
};

function toRow(seats: LicenseSeats): LicenseRow {
    const percentUsed = seats.total > 0 ? Math.min(100, Math.round((seats.used / seats.total) * 100)) : 100;
    return {
        ...seats,
        userTypeLabel: USER_TYPE_LABELS[seats.userType] ?? seats.userType,
        percentUsed,
        availableClass: percentUsed >= NEARLY_FULL_PERCENT ? 'slds-text-color_error' : ''
    };
}

/** Seats of every external-user license: what an admin checks before moving users. */
export default class LicenseSummary extends LightningElement {
    rows: LicenseRow[] = [];
    error: unknown = undefined;
    loaded = false;

    /** The value the wire provisioned: refreshApex needs that very object. */
    private wired: WireResult<LicenseSeats[]> | undefined;

    @wire(getExternalLicenseSummary)
    wiredSummary(result: WireResult<LicenseSeats[]>): void {
        this.wired = result;
        const { data, error } = result;
        if (data) {
            this.rows = data.map(toRow);
            this.error = undefined;
            this.loaded = true;
        } else if (error) {
            this.rows = [];
            this.error = error;
            this.loaded = true;
        }
    }

    /**
     * Reads the seats again from the server (a finished run has moved users between licenses). The wire's cached
     * value would otherwise stay: LDS does not manage data provisioned by Apex, so refreshApex is the way
     * (https://developer.salesforce.com/docs/platform/lwc/guide/apex-result-caching).
     */
    @api
    async refresh(): Promise<void> {
        if (this.wired) {
            await refreshApex(this.wired);
        }
    }

    get isLoading(): boolean {
        return !this.loaded;
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get isEmpty(): boolean {
        return this.loaded && !this.error && this.rows.length === 0;
    }
}
