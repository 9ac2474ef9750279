/**
 * External data releases as graphStats shows them: the `(:Release {source, version, ...})` node an
 * import writes last (today only the HPO import: src/hpo/import.ts), plus what the data's licence
 * asks a service to show (who to cite, that the service uses it, the version of the files in use).
 */

export interface DataReleaseFileRecord {
  name: string;
  version: string;
}

export interface DataReleaseRecord {
  source: string;
  name: string;
  version: string;
  files: DataReleaseFileRecord[];
  license: string | null;
  citation: string | null;
  url: string | null;
  notice: string;
  informationContentDiseases: number | null;
}

interface KnownSource {
  name: string;
  url: string;
  citation: string;
  /** Release node property -> the file it dates. */
  files: Array<{ property: string; name: string }>;
}

/** What the licence of each known data source asks us to show. */
export const KNOWN_RELEASE_SOURCES: Record<string, KnownSource> = {
  hpo: {
    name: 'Human Phenotype Ontology',
    url: 'https://hpo.jax.org/',
    citation:
      'Gargano MA, Matentzoglu N, Coleman B, et al. The Human Phenotype Ontology in 2024: phenotypes around the world. ' +
      'Nucleic Acids Research 2024;52(D1):D1333-D1346. doi:10.1093/nar/gkad1005 (see hpo.jax.org for the current citation)',
    files: [
      { property: 'ontologyVersion', name: 'hp.obo' },
      { property: 'annotationsVersion', name: 'phenotype.hpoa' },
    ],
  },
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** A Release node's properties (`rel {.*}`) as the API's record. */
export function toReleaseRecord(raw: unknown): DataReleaseRecord {
  const props = (raw ?? {}) as Record<string, unknown>;
  const source = text(props.source) ?? 'unknown';
  const known = KNOWN_RELEASE_SOURCES[source];
  const version = text(props.version) ?? 'unknown';
  const files = (known?.files ?? []).flatMap((file) => {
    const fileVersion = text(props[file.property]);
    return fileVersion ? [{ name: file.name, version: fileVersion }] : [];
  });
  const license = text(props.license);
  const name = known?.name ?? source;
  const dated = files.length > 0 ? ` (${files.map((f) => `${f.name} ${f.version}`).join(', ')})` : '';
  return {
    source,
    name,
    version,
    files,
    license,
    citation: known?.citation ?? null,
    url: known?.url ?? null,
    notice: `This service uses the ${name}${known ? ` (${known.url})` : ''}, release ${version}${dated}, unaltered${license ? `, under its licence: ${license}` : ''}.`,
    informationContentDiseases: typeof props.icDiseases === 'number' ? props.icDiseases : null,
  };
}
