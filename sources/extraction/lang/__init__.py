"""Language packs: the words and rules of one language, as data.

A pack is a module of plain data: word lists, regular-expression fragments built from them and
the rules (see ../rules.py) each stage compiles. The engine imports the pack and names no word of
any language; adding a language is adding a pack.
"""
