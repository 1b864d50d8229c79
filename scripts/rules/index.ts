/** Every lint rule, in the order its findings are listed for one place. */
import categoriesAnchorCollision from './categories-anchor-collision.ts'
import categoriesDescription from './categories-description.ts'
import categoriesDuplicateId from './categories-duplicate-id.ts'
import categoriesEmpty from './categories-empty.ts'
import categoriesUnknown from './categories-unknown.ts'
import datesReal from './dates-real.ts'
import datesVenueYear from './dates-venue-year.ts'
import entriesDuplicate from './entries-duplicate.ts'
import entriesDuplicateKey from './entries-duplicate-key.ts'
import entriesExtra from './entries-extra.ts'
import entriesUncategorized from './entries-uncategorized.ts'
import fileCanonicalOrder from './file-canonical-order.ts'
import textControlCharacters from './text-control-characters.ts'
import textMarkdown from './text-markdown.ts'
import textSize from './text-size.ts'
import textWhitespace from './text-whitespace.ts'
import type { Rule } from './types.ts'
import urlsArxivCanonical from './urls-arxiv-canonical.ts'
import urlsArxivId from './urls-arxiv-id.ts'
import urlsGithubRepo from './urls-github-repo.ts'
import urlsHttps from './urls-https.ts'
import urlsWellFormed from './urls-well-formed.ts'
import venueCanonicalName from './venue-canonical-name.ts'
import venueEventDate from './venue-event-date.ts'
import venueMissingDate from './venue-missing-date.ts'
import venueUnknown from './venue-unknown.ts'

export const rules: Rule[] = [
  entriesDuplicate,
  entriesDuplicateKey,
  entriesExtra,
  entriesUncategorized,
  venueUnknown,
  venueCanonicalName,
  venueEventDate,
  venueMissingDate,
  categoriesUnknown,
  categoriesDuplicateId,
  categoriesAnchorCollision,
  categoriesEmpty,
  categoriesDescription,
  datesReal,
  datesVenueYear,
  urlsWellFormed,
  urlsHttps,
  urlsArxivCanonical,
  urlsArxivId,
  urlsGithubRepo,
  textControlCharacters,
  textWhitespace,
  textMarkdown,
  textSize,
  fileCanonicalOrder
]

/** Rules `generate` also needs to pass: data it cannot render without. */
export const renderingRules = ['venue/unknown', 'venue/canonical-name', 'categories/unknown', 'categories/duplicate-id']

/** Ids of every finding the linter can produce, its own checks included. */
export const ruleIds = [...rules.map((rule) => rule.id), 'json/syntax', 'json/duplicate-key']
