// webvtt-parser ships no types: the part of its API the importer uses.
declare module 'webvtt-parser' {
  export interface WebVttNode {
    type: 'text' | 'object';
    name?: string;
    value?: string;
    classes?: string[];
    children?: WebVttNode[];
  }
  export interface WebVttCue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: WebVttNode[] };
  }
  export interface WebVttParseResult {
    cues: WebVttCue[];
    errors: { message: string; line: number; col: number }[];
  }
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(input: string, mode?: 'metadata' | 'chapters'): WebVttParseResult;
  }
}

declare module 'webvtt-parser/html-entities.json' {
  const entities: Record<string, string>;
  export default entities;
}
