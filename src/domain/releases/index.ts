export * from './release';
export { ReleaseWatcher, type ReleaseWatcherOptions } from './watcher';
export { readMeta, DOWNLOADS_PATH, type MetaRecord, type DataSourceVersionRecord } from './meta';
