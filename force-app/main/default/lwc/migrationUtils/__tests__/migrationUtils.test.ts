import {
    KeysetPager,
    RunPoller,
    csvCell,
    csvHref,
    fetchAllCsv,
    formatDuration,
    toCsv,
    userUrl
} from 'c/migrationUtils';
import { isFinished, labelOf } from 'c/migrationTypes';
import { aRun, wait } from './runFixtures';

describe('migrationUtils', () => {
    it('quotes CSV cells as RFC 4180 says and neutralises formulas', () => {
        expect(csvCell('plain')).toBe('plain');
        expect(csvCell('a,b')).toBe('"a,b"');
        expect(csvCell('say "hi"')).toBe('"say ""hi"""');
        expect(csvCell('two\nlines')).toBe('"two\nlines"');
        expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
        expect(csvCell('+1')).toBe("'+1");
        expect(csvCell('-1')).toBe("'-1");
        expect(csvCell('@x')).toBe("'@x");
        expect(csvCell('\tx')).toBe("'\tx");
        expect(csvCell('\rx')).toBe('"\'\rx"');
        expect(csvCell(null)).toBe('');
        expect(csvCell(undefined)).toBe('');
        expect(csvCell(42)).toBe('42');
        expect(toCsv(['A', 'B'], [[1, 'x,y']])).toBe('A,B\r\n1,"x,y"\r\n');
        expect(csvHref('a b')).toBe('data:text/csv;charset=utf-8,a%20b');
    });

    it('joins export pages and stops at the page limit', async () => {
        const pages = jest
            .fn()
            .mockResolvedValueOnce({ fileName: 'RUN-1-error.csv', csv: 'H\r\n1\r\n', nextAfterId: 'c1', done: false })
            .mockResolvedValueOnce({ fileName: 'RUN-1-error.csv', csv: '2\r\n', nextAfterId: 'c2', done: false })
            .mockResolvedValueOnce({ fileName: 'RUN-1-error.csv', csv: '3\r\n', nextAfterId: 'c3', done: true });
        await expect(fetchAllCsv(pages)).resolves.toEqual({ csv: 'H\r\n1\r\n2\r\n3\r\n', fileName: 'RUN-1-error.csv' });
        expect(pages.mock.calls.map((c) => c[0])).toEqual([null, 'c1', 'c2']);

        const unnamed = jest.fn().mockResolvedValue({ fileName: '', csv: 'H\r\n', nextAfterId: null, done: false });
        await expect(fetchAllCsv(unnamed)).resolves.toEqual({ csv: 'H\r\n', fileName: 'export.csv' });

        const endless = jest
            .fn()
            .mockResolvedValue({ fileName: 'x.csv', csv: '1\r\n', nextAfterId: 'again', done: false });
        await expect(fetchAllCsv(endless, 3)).rejects.toThrow('more than 3 pages');
    });

    it('pages by keyset cursors', () => {
        const pager = new KeysetPager();
        expect([pager.afterId, pager.pageNumber, pager.hasPrevious, pager.hasNext]).toEqual([null, 1, false, false]);
        pager.forward();
        expect(pager.pageNumber).toBe(1);
        pager.received({ rows: [], nextAfterId: 'c1' });
        pager.forward();
        expect([pager.afterId, pager.pageNumber, pager.hasPrevious, pager.hasNext]).toEqual(['c1', 2, true, false]);
        pager.back();
        expect(pager.afterId).toBeNull();
        pager.back();
        expect(pager.pageNumber).toBe(1);
        pager.received({ rows: [], nextAfterId: 'c1' });
        pager.forward();
        pager.reset();
        expect([pager.afterId, pager.pageNumber]).toEqual([null, 1]);
    });

    it('formats durations and user links', () => {
        expect(formatDuration(-5)).toBe('0 s');
        expect(formatDuration(12_400)).toBe('12 s');
        expect(formatDuration(185_000)).toBe('3 min 05 s');
        expect(formatDuration(3_720_000)).toBe('1 h 02 min');
        expect(userUrl('005000000000001AAA')).toBe('/lightning/r/User/005000000000001AAA/view');
        expect(userUrl(null)).toBe('');
    });

    it('labels API names and knows finished statuses', () => {
        expect(labelOf('Completed_With_Errors')).toBe('Completed With Errors');
        expect(labelOf(null)).toBe('');
        expect(isFinished('Aborted')).toBe(true);
        expect(isFinished('Running')).toBe(false);
        expect(isFinished(null)).toBe(false);
    });

    it('polls until the run is finished, one request at a time, and can be stopped', async () => {
        const runs = [aRun({ status: 'Running' }), aRun({ status: 'Running' }), aRun({ status: 'Completed' })];
        const fetch = jest.fn(() => Promise.resolve(runs.shift() ?? aRun({ status: 'Completed' })));
        const seen: string[] = [];
        const poller = new RunPoller({
            fetch,
            onRun: (run) => seen.push(run.status),
            onError: jest.fn(),
            intervalMs: 1
        });
        poller.start();
        expect(poller.running).toBe(true);
        for (let waited = 0; poller.running && waited < 100; waited++) {
            // eslint-disable-next-line no-await-in-loop
            await wait(10);
        }
        expect(seen).toEqual(['Running', 'Running', 'Completed']);
        expect(poller.running).toBe(false);

        const slow = jest.fn(() => Promise.resolve(aRun({ status: 'Running' })));
        const onRun = jest.fn();
        const stopped = new RunPoller({ fetch: slow, onRun, onError: jest.fn(), intervalMs: 1 });
        stopped.start();
        stopped.stop();
        await wait(20);
        expect(onRun).not.toHaveBeenCalled();
        expect(slow).toHaveBeenCalledTimes(1);
    });

    it('stops polling on an error and reports it', async () => {
        const onError = jest.fn();
        const poller = new RunPoller({
            fetch: () => Promise.reject(new Error('offline')),
            onRun: jest.fn(),
            onError
        });
        poller.start();
        await wait(5);
        expect(onError).toHaveBeenCalledWith(new Error('offline'));
        expect(poller.running).toBe(false);
    });
});
