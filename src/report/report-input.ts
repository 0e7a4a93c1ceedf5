// What a report is computed from: plain data about one run (and the run it is compared with),
// read by load-report-input.ts and turned into figures by report-figures.ts. No identifier is
// here in any form: phones are the database's row ids (only "the same number" matters), profiles
// their row ids (only "the same profile in both runs" matters), and no URL or text is read.

export interface ReportRunInfo {
  id: number;
  label: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface ReportSiteRun {
  siteId: string;
  siteName: string;
  group: string | null;
  status: string;
  profilesFound: number;
  pagesFetched: number;
  errorCount: number;
}

export interface ReportSnapshot {
  profileId: number;
  siteId: string;
  gender: string;
  ageBand: string;
  hasAge: boolean;
  locality: string | null;
  kommunCode: string | null;
  lanCode: string | null;
  policeRegion: string | null;
  /** Location text was there but named no place. */
  locationUnresolved: boolean;
  minorCue: boolean;
  /** Phone row ids, sorted. */
  phoneIds: number[];
}

export interface ReportCluster {
  clusterId: number;
  size: number;
  sites: string[];
  /** Profiles per police region in this run. */
  regionCounts: Record<string, number>;
}

export interface ReportAlert {
  siteId: string | null;
  kind: string;
  severity: string;
  message: string;
}

export interface ReportRunData {
  run: ReportRunInfo;
  siteRuns: ReportSiteRun[];
  snapshots: ReportSnapshot[];
  /** Phone-view clusters of two or more profiles. */
  clusters: ReportCluster[];
  alerts: ReportAlert[];
}

/** Profiles per site in one earlier (or the same) run, for the volumes-over-time chart. */
export interface ReportHistoryPoint {
  run: ReportRunInfo;
  sites: { siteId: string; status: string; profiles: number }[];
}

export interface ReportInput {
  current: ReportRunData;
  compare: ReportRunData | null;
  /** Phone row id → ISO country (null when unknown), for every phone of both runs. */
  phoneCountries: Map<number, string | null>;
  /** Every finished run up to the report's run, oldest first (the report's run included). */
  history: ReportHistoryPoint[];
  /** Site id → name and group, for every site in the history. */
  sites: Map<string, { name: string; group: string | null }>;
}
