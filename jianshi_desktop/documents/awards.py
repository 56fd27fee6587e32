"""Builder: the 推荐材料 (事迹材料) for an honour — 红旗党支部, 先锋共产党员 — as the
secretary edited it: the title 「关于推荐…为…的事迹材料」, the body paragraphs, the 署名
(the branch) and the date, in GB/T 9704 layout. Nothing is printed that was not written."""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.documents.model import Block, Document, Paragraph, SignatureBlock


def nomination_document(
    title: str, paragraphs: list[str], signer: str, signed_on: dt.date
) -> Document:
    blocks: list[Block] = [Paragraph(text) for text in paragraphs if text.strip()]
    if signer:
        blocks.append(SignatureBlock(signer, signed_on))
    return Document(title=title, blocks=blocks, layout="official", author=signer)
