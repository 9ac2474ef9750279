/** Colours per entity kind (Okabe–Ito, readable for colour-blind people), with a shape as a second cue. */
export interface KindStyle {
  color: string;
  shape: 'ellipse' | 'round-rectangle' | 'diamond' | 'hexagon' | 'triangle' | 'barrel' | 'tag' | 'star' | 'octagon' | 'vee';
  label: string;
}

export const KIND_STYLES: Record<string, KindStyle> = {
  Condition: { color: '#d55e00', shape: 'ellipse', label: 'Condition' },
  Symptom: { color: '#0072b2', shape: 'round-rectangle', label: 'Symptom' },
  Trigger: { color: '#e69f00', shape: 'diamond', label: 'Trigger' },
  Treatment: { color: '#009e73', shape: 'hexagon', label: 'Treatment' },
  Source: { color: '#666666', shape: 'tag', label: 'Source' },
  BodyRegion: { color: '#cc79a7', shape: 'barrel', label: 'Body region' },
  DiagnosticStep: { color: '#56b4e9', shape: 'octagon', label: 'Diagnostic step' },
  Specialist: { color: '#7a5195', shape: 'star', label: 'Specialist' },
  Mechanism: { color: '#8c6d31', shape: 'triangle', label: 'Mechanism' },
  Fact: { color: '#999933', shape: 'vee', label: 'Fact' },
};

const FALLBACK: KindStyle = { color: '#444444', shape: 'ellipse', label: 'Other' };

export function kindStyle(kind: string): KindStyle {
  return KIND_STYLES[kind] ?? { ...FALLBACK, label: kind };
}

/** "HAS_SYMPTOM" → "has symptom". */
export function relationLabel(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}
