package conformance

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// stripHeight is the height of README's strip of the catalog.
const stripHeight = 260

// strip puts the connections screen of the four variants side by side,
// each scaled to one height, as catalog/strip.png: README shows a copy
// (internal/conformance/testdata/catalog-strip.png).
func (g *gallery) strip(t *testing.T) {
	var panels []image.Image
	width := 0
	for _, v := range variants {
		f, err := os.Open(filepath.Join(g.shots, v.name, "connections.png"))
		require.NoError(t, err, "the %s screens come first", v.name)
		img, err := png.Decode(f)
		f.Close()
		require.NoError(t, err)
		p := scaleToHeight(img, stripHeight)
		panels = append(panels, p)
		width += p.Bounds().Dx() + 12
	}
	out := image.NewRGBA(image.Rect(0, 0, width-12, stripHeight))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.RGBA{0xE4, 0xE7, 0xEB, 0xFF}), image.Point{}, draw.Src)
	x := 0
	for _, p := range panels {
		draw.Draw(out, p.Bounds().Add(image.Pt(x, 0)), p, image.Point{}, draw.Src)
		x += p.Bounds().Dx() + 12
	}
	f, err := os.Create(filepath.Join(g.shots, "strip.png"))
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(f, out))
}

// scaleToHeight scales img down to height h by averaging the source pixels
// under each target pixel (screenshots of text stay readable, which
// nearest-neighbour sampling does not).
func scaleToHeight(img image.Image, h int) *image.RGBA {
	src := img.Bounds()
	scale := float64(src.Dy()) / float64(h)
	w := int(float64(src.Dx())/scale + 0.5)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		y0, y1 := src.Min.Y+int(float64(y)*scale), src.Min.Y+int(float64(y+1)*scale)
		for x := range w {
			x0, x1 := src.Min.X+int(float64(x)*scale), src.Min.X+int(float64(x+1)*scale)
			var r, g, b, a, n uint32
			for sy := y0; sy < max(y1, y0+1); sy++ {
				for sx := x0; sx < max(x1, x0+1); sx++ {
					cr, cg, cb, ca := img.At(sx, sy).RGBA()
					r, g, b, a, n = r+cr, g+cg, b+cb, a+ca, n+1
				}
			}
			out.Set(x, y, color.RGBA64{uint16(r / n), uint16(g / n), uint16(b / n), uint16(a / n)})
		}
	}
	return out
}
