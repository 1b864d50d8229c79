/** A first guess at what a venue is, from its name; maintainers correct it in `venues`. */
import type { VenueType } from '../core/model.ts'
import { splitVenue } from '../core/venues.ts'

export function guessVenueType(name: string): VenueType {
  if (/\b(arxiv|biorxiv|medrxiv|chemrxiv|ssrn|preprint)\b/i.test(name)) return 'preprint'
  if (/\bworkshops?\b/i.test(name)) return 'workshop'
  if (/\b(journal|transactions|letters|TMLR|JMLR|TPAMI|IJCV|computation)\b/i.test(name)) return 'journal'
  if (/\b(university|institute|college|school|laboratory|lab)\b/i.test(name)) return 'institution'
  if (/\b(press|springer|publishing|publisher|o'reilly|manning)\b/i.test(name)) return 'publisher'
  return splitVenue(name).year !== undefined ? 'conference' : 'other'
}
