"""The ballot's key pair and its sealed votes (libsodium sealed boxes, through PyNaCl).

Each ballot gets a fresh X25519 key pair when it opens. The public key is stored on the
ballot and seals every choice as it is cast; the private key is written to a file in
`PRIZE_BALLOT_KEY_DIR`, a folder on the application server that is neither in the
database nor in the media folder, so no database dump, backup, replica or export can
open a vote. The count (`services.ballot_close`) reads the key, opens the choices in
memory, stores only the totals, and the key file is deleted once the count is
committed.

A sealed box is the plaintext plus 48 bytes (an ephemeral public key and a MAC), made
with fresh randomness every time: two votes for the same finalist look unrelated, and
every choice is encoded on the same number of bytes so that the length of a ciphertext
says nothing either.
"""

import contextlib
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from nacl.encoding import Base64Encoder, HexEncoder
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

CHOICE_BYTES = 8  # a finalist's primary key, big-endian: every plaintext has this length


class KeyMissing(Exception):
    """The ballot's private key is not on this server."""


class SealBroken(Exception):
    """A stored vote cannot be opened with the ballot's key (tampered or foreign)."""


def key_dir() -> Path:
    return Path(settings.PRIZE_BALLOT_KEY_DIR)


def _key_path(public_key: str) -> Path:
    # The public key is 64 hex digits written by `keypair_new`; refuse anything else so
    # that a stored value can never name a path outside the folder.
    if len(public_key) != 64 or any(c not in "0123456789abcdef" for c in public_key):
        raise KeyMissing(public_key)
    return key_dir() / f"{public_key}.key"


def keypair_new() -> str:
    """Makes a key pair, writes the private key (readable by the server's user only)
    and returns the public key as hex, to be stored on the ballot."""
    private = PrivateKey.generate()
    public_key = private.public_key.encode(HexEncoder).decode()
    folder = key_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(_key_path(public_key), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(private.encode(HexEncoder))
    return public_key


def seal(*, public_key: str, finalist_id: int) -> str:
    """The choice sealed for the ballot's key, as base64 text (always 76 characters)."""
    box = SealedBox(PublicKey(public_key.encode(), encoder=HexEncoder))
    plaintext = int(finalist_id).to_bytes(CHOICE_BYTES, "big")
    return box.encrypt(plaintext, encoder=Base64Encoder).decode()


def private_key(public_key: str) -> PrivateKey:
    try:
        data = _key_path(public_key).read_bytes()
    except OSError:
        raise KeyMissing(public_key) from None
    key = PrivateKey(data.strip(), encoder=HexEncoder)
    if key.public_key.encode(HexEncoder).decode() != public_key:
        raise KeyMissing(public_key)
    return key


def count(*, public_key: str, sealed: Iterable[str]) -> Counter:
    """Opens every sealed choice in memory and returns the votes per finalist id."""
    box = SealedBox(private_key(public_key))
    votes = Counter()
    for text in sealed:
        try:
            plaintext = box.decrypt(text.encode(), encoder=Base64Encoder)
        except (CryptoError, ValueError, TypeError):
            raise SealBroken from None
        if len(plaintext) != CHOICE_BYTES:
            raise SealBroken
        votes[int.from_bytes(plaintext, "big")] += 1
    return votes


def key_destroy(public_key: str) -> None:
    """Deletes the private key after the count: nothing can open a vote any more."""
    with contextlib.suppress(KeyMissing):  # a malformed key names no file
        _key_path(public_key).unlink(missing_ok=True)
