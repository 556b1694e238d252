"""HTML pages in: bytes → text with the charset decided and recorded, the page flattened into
blocks, and the blocks that are not the article marked with the DOM evidence against them."""
