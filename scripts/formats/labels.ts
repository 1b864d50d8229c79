import type { LinkType } from '../core/model.ts'

export const linkTypeSchema = { enum: ['paper', 'code', 'slides', 'video', 'project', 'book', 'website', 'demo', 'dataset', 'model', 'blog'] }

/** Default link labels of the categorized list, per link type. */
export const defaultLinkLabels: Record<LinkType, string> = {
  paper: 'Paper',
  code: 'Code',
  slides: 'Slides',
  video: 'Video',
  project: 'Project Page',
  book: 'Book',
  website: 'Link',
  demo: 'Demo',
  dataset: 'Dataset',
  model: 'Model',
  blog: 'Blog'
}

/** The option both pattern formats take for the emphasis marker they write. */
export const emphasisSchema = { description: 'The emphasis marker: `_` or `*`.', enum: ['_', '*'] }

export const linkLabelsSchema = {
  description: 'Default label per link type; a link with its own `label` shows that instead.',
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(Object.keys(defaultLinkLabels).map((type) => [type, { type: 'string', minLength: 1 }]))
}
