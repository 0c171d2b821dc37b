// Package markdown turns a connector's description and about text into a
// small tree of safe nodes for the catalog to show.
//
// It reads a subset of CommonMark: paragraphs, ATX headings (# to ######),
// thematic breaks, block quotes, bullet and ordered lists (nested by
// indentation), fenced code blocks, *emphasis*, **strong**, `code`, hard
// line breaks and links [text](url).
//
// Safety is the point, not completeness:
//   - Raw HTML is never interpreted: "<script>" stays the text "<script>".
//   - Only http:, https: and mailto: links become <a> elements, each with
//     rel="noopener noreferrer" and target="_blank"; any other link
//     (javascript:, data:, vbscript:, relative, ...) is shown as its text.
//     Images are shown as their alt text, so nothing loads from outside.
//   - Tags and attribute names come from this package only; all input
//     ends up in Text, which the DOM layer sets with textContent.
//   - Nesting is capped (maxDepth) and delimiter searches remember their
//     failures, so hostile input costs linear time and bounded stack.
//
// Start with Parse:
//
//	for _, n := range markdown.Parse(connector.Description) { ... }
package markdown
