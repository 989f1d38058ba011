"""One person, everywhere: the identity shared by every module's part (clause path, job search,
event registration, referral, FSE+ record). Base app: it never imports a module; each module keeps
its own part (with its own purpose and consent) in its own model, pointing here.
"""
