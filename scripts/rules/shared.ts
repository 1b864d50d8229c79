export { rule } from './types.ts'
export { links, pointerOf, textFields } from './pointers.ts'
