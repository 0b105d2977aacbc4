// Types for generate-report.mjs, so that tests written in TypeScript can use it.
export declare const KINDS: readonly string[];
export declare function holdingPrefix(h: number): string;
export declare function slotPrefix(h: number, i: number, length?: number): string;
export declare function lesseeOf(h: number, i: number): string;
export declare function slotKind(i: number): string;
export declare function generateReportRepository(root: string, leaseCount: number, at: string): { holdings: number; leases: number; lessees: number };
