"""The live preview: the view, its document patched block by block, and the render scheduler."""
