"""French word classes of the three tosdiff flags (see ``i18n_lexicon.py`` for what each round added)."""

from __future__ import annotations

# The first two rounds' word classes.
WORDS: dict[str, str] = {
    "user_acts": r"\bvous (?:\w+ ){0,4}?(?:pouvez|avez le droit|êtes libre)\b[^.;]{0,80}(?:partag|transm|communiq|"
    r"divulg)|\binvitons à ne pas\b|\blorsque vous (?:divulguez|partagez|communiquez|transmettez)\b|"
    r"\bvous pouvez choisir\b",
    "forbid": r"\binterdi\w*|\bconcurren\w*",
    "ai": r"\bia\b|\bi\.a\.|intelligence artificielle|apprentissage automatique|machine learning|"
    r"\bmodèles?\b(?! de données)|algorithmes?|\bllms?\b|réseaux? de neurones|\bgen-?ai\b",
    "train": r"entra[îi]n\w*|\bform(?:er|ons|ant|é|ée|és|ées)\b|\btraining\b|\bapprentissage\b(?! automatique)",
    "improve": r"amélior\w*|développ\w*|perfectionn\w*|optimis\w*|affin\w*",
    "our_ai": r"\b(?:notre|nos|leurs?|ses|ces) (?:\w+ ){0,2}?(?:ia\b|intelligence artificielle|modèles?|"
    r"algorithmes?|technologies? d'ia)",
    "use": r"utilis\w*|exploit\w*|recours",
    "data": r"\bdonnées\b|\bcontenus?\b|\binformations?\b|\binputs?\b|\bprompts?\b|\brequêtes\b|"
    r"\bconversations?\b|\bphotos?\b|\bvidéos?\b|\bfichiers\b|\bpublications\b|\bsaisies\b",
    # Negations of something else: "ne permettent pas de vous identifier", "sans préavis".
    "neg": r"\bn(?:e\b|')(?! ?(?:\w+ ){0,2}?pas (?:de vous |d')identifier)|\bjamais\b|\baucun\w*|\bnullement\b|"
    r"\bsans\b(?! (?:préavis|autre approbation|contrepartie|rémunération|frais|compensation))",
    "consent": r"\bsans (?:votre|son|leur) (?:\w+ )?(?:consentement|accord|autorisation)|"
    r"\bavec (?:votre|son) (?:\w+ )?(?:consentement|accord|autorisation)|\bsi vous (?:y )?consentez\b|"
    r"\bdonnez l'autorisation\b|\ben donnez l'autorisation\b|\bopt-?in\b",
    "opt_out": r"\bvous pouvez (?:\w+ ){0,3}?(?:vous opposer|désactiver|refuser|retirer|contrôler|"
    r"définir vos préférences|modifier vos préférences|désinscrire)|\bsi vous ne souhaitez pas\b|"
    r"\bopt-?out\b|\bdroit (?:de vous opposer|d'opposition)\b",
    "default_on": r"\bsauf (?:opposition|si vous vous y opposez|refus)\b|\bà moins que vous\b",
    "user_side": r"\bil (?:vous )?est (?:strictement )?interdit\b|\bvous n'êtes pas autorisée?s? à\b|\bvous (?:ne )?(?:pouvez|devez) "
    r"(?:pas|en aucun cas)\b|\bvous vous engagez à ne\b|\bs'engagen?t? à (?:\w+ ){0,6}?ne pas\b|"
    r"\bne doivent (?:\w+ )?(?:pas )?être\b|\bconcurren\w*|\binterdi\w+ (?:de|d'|à l'utilisateur)",
    "provider": r"\bnous\b|\bnotre\b|\bnos\b",
    "licence": r"\blicences?\b|\bsous-licences?\b|\bdroits? (?:d'(?:utilisation|exploitation|usage)|"
    r"de (?:reproduction|représentation|diffusion))\b",
    "user_grants": r"\bvous (?:nous |lui |leur )?(?:accordez|concédez|octroyez|cédez|conférez|"
    r"consentez|autorisez)\b|\bl'(?:utilisateur|abonné|membre|client) (?:\w+ )?(?:accorde|concède|"
    r"octroie|cède|confère|consent|autorise)\b|\ben (?:fournissant|publiant|mettant en ligne|téléchargeant|"
    r"soumettant|créant|partageant|postant|transmettant|diffusant|rendant)\b|\bvaut (?:consentement|"
    r"cession|concession)|\bbesoin d'une licence\b|\blicences? (?:accordées?|concédées?|consenties?) "
    r"(?:à|par)|\b(?:ladite|cette|la présente) licence (?:comprend|nous permet|permet|inclut|couvre)|"
    r"\blicence d'utilisation (?:de|des) (?:votre|vos)|"
    # The user named in an earlier sentence and taken up by a pronoun: "Il concède à Nuage SAS une
    # licence": a grant *to* someone other than the user (grants to the user are provider_grants).
    r"\b(?:il|elle|celui-ci|celle-ci|ce dernier|cette dernière) (?:\w+ )?(?:accorde|concède|octroie|cède|"
    r"confère|consent)\b",
    "provider_grants": r"\b\w+ vous (?:concédons|concède|accordons|accorde|octroyons|octroie|conférons|"
    r"confère)\b|\b(?:accorde|concède|octroie|confère|cède|consent) (?:\w+ )?(?:à l'(?:utilisateur|"
    r"abonné|client|membre)|aux (?:utilisateurs|abonnés|clients|membres))\b|\b(?:conférée?s?|concédée?s?|accordée?s?|octroyée?s?) aux utilisateurs\b|"
    r"\bvous est (?:concédée?|accordée?|octroyée?|conférée?)|\bil n'est conféré\b|\bconcédés? sous licence\b",
    "content": r"\bcontenus?\b|\bdonnées\b|\bphotos?\b|\bphotographies\b|\binformations\b|"
    r"\bpublications?\b|\bvidéos?\b|\bœuvres?\b|\bimages?\b|\bavis\b|\bcommentaires?\b|\bsoumissions?\b|"
    r"\bcréations?\b|\bmatériels?\b",
    "ownership": r"\bvous (?:restez|demeurez|êtes et restez|serez) (?:\w+ ){0,2}?(?:propriétaire|titulaire)|"
    r"\bvous conservez (?:\w+ ){0,2}?(?:propriété|droits|titularité|l'ensemble)|"
    r"\b(?:reste|restent|demeure|demeurent) (?:votre|vos) (?:\w+ )?propriété\b|"
    r"\b(?:reste|restent|demeure|demeurent) (?:\w+ ){0,2}?(?:à vous|le vôtre|les vôtres)\b|"
    r"\bne revendiqu\w+ aucun\w* (?:droit|propriété)|\bn'acqu\w+ aucun droit de propriété",
    "ends": r"\bprenn?ent fin|\bprend(?:ra)? fin|\bexpire\w*|\bcesse\w*|\bs'éteign?\w*|\bprendra fin\b",
    "delete": r"suppr\w*|retir\w*|effac\w*",
    "share": r"partag\w*|communiq\w*|transm\w*|divulg\w*|\bvend\w*|\bvente\b|\bcé(?:d|der)\w*\b(?! sous licence)|\bcèd\w*|"
    r"\bcession\b|\blou(?:er|ons|e)\b|mis(?:es)? à (?:la )?disposition|mettre à (?:la )?disposition|"
    r"\bfourni(?:r|ssons|rons|ssent|ra) (?:\w+ ){0,4}?(?:à|aux)\b|\béchang\w*|\brevend\w*|\btransferts? de données\b",
    "sale": r"\bvend\w*|\bvente\b|\brevend\w*|\blou(?:er|ons|e)\b|annonceurs?|publicit\w*|courtiers?",
    "pdata": r"\bdonnées\b|\binformations\b|\bcoordonnées\b|\bidentifiants\b|adresses? e-?mail|"
    r"numéros? de téléphone|\bprofil\b",
    # "pays tiers": a transfer abroad, not to a third party.
    "recipient": r"(?<!pays )\btiers\b|\bpartenaires?\b|\bannonceurs?\b|sociétés? (?:du groupe|affiliées?|liées)|"
    r"entreprises? (?:du groupe|de notre groupe)|\bfiliales?\b|\baffiliée?s\b|\bprestataires?\b|"
    r"\bsous-traitants?\b|\bfournisseurs?\b|\bautorités\b|\bacquéreurs?\b|\bcourtiers?\b|\bagents? de voyages?\b|"
    r"\bcommerçants?\b|\bmarchands?\b",
    "inbound": r"\bvous nous (?:communiquez|transmettez|fournissez|donnez)\b|\breçu\w* de (?:tiers|nos partenaires)\b",
    "ref": r"\bpour en savoir plus\b|\bvous avez le droit de (?:demander|savoir|obtenir)\b|\bdroit de savoir\b|"
    r"\bvous permet de demander\b|\bplus d'informations\b|\bvous pouvez trouver\b",
    "liability": r"\b(?:ne saurait|n'est pas|ne sont pas|ne peut être|ne sommes pas|ne pourra être) (?:\w+ )?"
    r"responsables?\b|\b(?:aucune|toute) responsabilité\b|\bresponsabilité (?:\w+ )?(?:limitée|exclue)\b",
    "assign": r"\bdroits et obligations\b|\bcéder (?:le présent|les présentes|ce) (?:contrat|conditions)",
    "user_content": r"\b(?:vos|votre) (?:\w+ )?(?:contenus?|publications?|photos?)\b|\bcontenus? (?:de l'|des )utilisateurs?\b",
    "licence_scope": r"\blicence\w*\b[^.;]{0,300}\b(?:comprend|inclut|couvre|est (?:\w+ )?(?:perpétuelle|irrévocable))\b",
    "sublicence": r"\bconcéder en sous-licence\b|\bsous-licencier\b|\bconcéder des sous-licences (?:sur|de|pour)\b",
    "subject_to": r"\bsous réserve\b",
    "warranty": r"\b(?:déclarez et )?garantissez\b",
    "malware": r"\bvirus\b|\bchevaux de troie\b|\bmalwares?\b",
    "licence_noun": r"\blicences?\b",
    "pdata_strict": r"\bdonnées (?:personnelles|à caractère personnel)\b|\binformations personnelles\b",
    "share_noun": r"\btransmission\b|\bcommunication\b|\bcession\b|\bdivulgation\b|\btransfert\b",
    "only_if": r"\buniquement\b[^.;]{0,80}\b(?:si|lorsque)\b|\bseulement\b[^.;]{0,80}\b(?:si|lorsque)\b",
    "via_ml": r"\b(?:par le biais de|au moyen de|grâce à|via|par)(?: l')? ?(?:apprentissage automatique|"
    r"intelligence artificielle|ia\b)",
}

# Third round (EXTRA in i18n_lexicon.py).
EXTRA: dict[str, str] = {
    "grant_noun": r"\b(?:octroi|concession|cession) (?:de |d'|de la |des |d'une )(?:\w+ )?licences? à\b|"
    r"\bdroits (?:concédés|accordés|octroyés) (?:\w+ ){0,3}?licence\b|\brenon\w*\b[^.;]{0,120}\bdroits moraux|"
    r"\bobt[ie]n\w* (?:\w+ ){0,2}?droits (?:de|sur) (?:ton|ta|tes|votre|vos)\b|"
    r"\b(?:concéder|accorder) en sous-licence la licence\b",
    "exploit_right": r"\bdroit (?:de|d') ?(?:reproduire|utiliser|exploiter|adapter|modifier|publier|diffuser|"
    r"représenter)\b",
    "licence": r"\bautoris\w* (?:\w+ ){0,3}?à (?:reproduire|adapter|traduire|utiliser|publier|diffuser|"
    r"exploiter|modifier|représenter|stocker|héberger|afficher)\b|\bdroits (?:de|sur) (?:ton|ta|tes)\b|"
    r"\b(?:vous acceptez|tu acceptes|vous consentez|tu consens) (?:à ce )?que nous (?:\w+ )?(?:utilisions|"
    r"reproduisions|publiions|exploitions|diffusions)\b",
    "ownership": r"\btu (?:restes|demeures|conserves) (?:\w+ ){0,2}?(?:propriétaire|titulaire|propriété|droits)",
    "user_grants": r"\btu (?:nous |lui |leur )?(?:accordes|concèdes|octroies|cèdes|autorises)\b|"
    r"\b(?:vous acceptez|tu acceptes|vous consentez|tu consens) (?:à ce )?que nous (?:\w+ )?(?:utilisions|"
    r"reproduisions|publiions|exploitions|diffusions)\b",
    "user_content": r"\b(?:tes|ton|ta) (?:\w+ )?(?:contenus?|publications?|photos?|images?|vidéos?)\b|"
    r"\bcontenus? (?:membres?|utilisateurs?)\b",
    "recipient": r"\bsociétés? acquéreuses?\b|\bautre société\b|\bnouveaux? propriétaires?\b|"
    r"\bsuccesseurs?\b|\bprêteurs\b|\bauditeurs\b|\bavocats\b|\bconseillers\b|\bconsultants\b|\bassureurs?\b",
    # "ne ... que" / "ne ... qu'avec" is "only": a limited sharing, not none. A relative "que" ("les
    # données que vous nous confiez") is not: far from the verb, "que" must introduce the limit itself.
    "neg_except": r"\bn(?:e\b|') ?(?:\w+ ){0,3}?qu(?:e\b|')|\bn(?:e\b|') ?(?:\w+ ){0,6}?qu(?:'|e )(?:avec|à|aux|au|"
    r"pour|dans|si|lorsque|quand|sur|en|après|entre)\b|\bne sont pas en mesure\b|\bne (?:peut|peuvent) pas "
    r"(?:\w+ )?(?:ré)?identifier\b",
    "consent": r"\b(?:subordonnée?s?|soumise?s?|conditionnée?s?) à (?:l'obtention de )?(?:votre|ton) "
    r"(?:\w+ )?(?:accord|consentement)\b",
    "default_on": r"\bsi vous ne vous (?:y )?(?:êtes|étiez) pas opposée?s?\b",
    # Rules for the user, even where "nous" appears: "Ne communiquez pas votre mot de passe à des
    # tiers", "s'engage à ... ne pas le divulguer à un tiers", "veuillez éviter de partager".
    "forbid": r"\bne (?:communiquez|divulguez|partagez|transmettez|donnez|prêtez) (?:\w+ )?pas\b|\bne pas "
    r"(?:le |la |les |leur )?(?:communiquer|divulguer|partager|transmettre|céder)\b|\bveuillez éviter\b|"
    r"\bévitez de\b|\bne doivent (?:pas )?être (?:communiqu|transf|divulgu|partag)\w*|\bne (?:peuvent|peut) "
    r"point être\b",
    # The user's own sharing: portability, other users, "si vous partagez".
    "user_acts": r"\bvous avez le droit de recevoir\b|\bnous demander de (?:leur )?transmettre\b|"
    r"\bsi vous partagez\b|\bles (?:hôtes|voyageurs|membres|utilisateurs|vendeurs) peuvent\b",
    # Data coming to the provider: "informations transmises par les fournisseurs".
    "inbound": r"\btransmises? par (?:les|des|nos|le|un) (?:\w+ )?(?:fournisseurs?|partenaires?|tiers|"
    r"prestataires?)\b|\btransmises? sur les serveurs de\b",
}

# Fourth round (EXTRA4 in i18n_lexicon.py).
EXTRA4: dict[str, str] = {
    "grant_noun": r"\b(?:avons besoin|devons obtenir|nécessitons)\b[^.;]{0,60}\b(?:octroy|accord|concéd|conf[èé]r|"
    r"cédi)\w*[^.;]{0,40}\b(?:droits|licences?)\b|\bobtenir de (?:vous|l'utilisateur|l'abonné)\b[^.;]{0,80}"
    r"\b(?:droits|licences?|autorisations?)\b|\b(?:sont|est) (?:\w+ )?(?:compris|inclus)e?s? (?:\w+ )?(?:le|les) "
    r"droits? (?:d'|de )(?:utilisation|reproduction|exploitation|représentation|diffusion|utiliser|reproduire|exploiter)|\b(?:cette|la présente|ladite) (?:licence|autorisation|cession) (?:est|s'applique) (?:\w+ ){0,2}?(?:pour|dans) "
    r"le monde entier\b",
    "licence": r"\bdroits? (?:[\w-]+,? (?:et )?){1,6}?(?:d'|de )(?:utiliser|reproduire|exploiter|adapter|modifier|publier|"
    r"diffuser|représenter|traiter|stocker|héberger|monétiser)\b|\bdroit (?:à la|de) monétis\w*|"
    r"\bautorisation (?:d'utiliser|de (?:reproduire|publier|diffuser|exploiter))\b",
    "user_grants": r"\bles (?:utilisateurs|clients|membres|abonnés) (?:\w+ )?(?:accordent|accorde|concèdent|concède|"
    r"octroient|cèdent|confèrent|consentent)\b|\blicences? (?:ainsi )?(?:accordées?|concédées?|octroyées?|consenties?)\b"
    r"(?! (?:par nous|à l'utilisateur|aux utilisateurs|à vous|ci-dessous|ci-dessus|ci-après))|\bvous devez (?:nous )?(?:accorder|concéder|octroyer)\b|\ble (?:membre|client|vendeur|créateur|contributeur|titulaire du compte) (?:\w+ )?(?:accorde|concède|"
    r"octroie|cède|confère)\b",
    "provider_grants": r"\b(?:est|sont) (?:\w+ )?(?:concédée?s?|accordée?s?|octroyée?s?|conférée?s?) (?:à l'|aux )"
    r"(?:utilisateur|abonné|client|membre)s?\b",
    "exploit_right": r"\b(?:est|sont) (?:\w+ )?autorisée?s? à (?:stocker|reproduire|utiliser|modifier|publier|diffuser|"
    r"exploiter|adapter|représenter|héberger)\b",
    "content": r"\blogos?\b|\bmarques?\b|\bcaptures? d'écran\b",
    "ownership": r"\bdemeurent? la propriété (?:de l'|des )(?:utilisateur|membre|client|abonné)s?\b|\bn'acqu\w+ aucun droit\b",
    "licence_except": r"\b(?:à l'exception|en dehors|hormis|sauf) (?:de )?(?:la|cette|ladite) (?:\w+ )?licence\b",
    "revoke": r"\bvous pouvez (?:\w+ ){0,3}?(?:révoquer|retirer|mettre fin à|résilier) (?:cette|la|votre|ladite) "
    r"(?:\w+ )?(?:licence|autorisation)",
    "not_assured": r"\bvous (?:déclarez|garantissez|certifiez) (?:\(?\w+\)? ){0,2}?(?:être|que vous êtes|posséder|avoir le droit)\b|"
    r"\bsi vous (?:n'êtes pas|êtes) (?:le |la )?(?:propriétaire|titulaire)\b",
    "pdata": r"\bcoordonnée\b|\baudiences?\b",
    "recipient": r"\bsociétés tierces\b|\bentités? (?:du groupe|affiliées?|liées)\b|\bforces de l'ordre\b|"
    r"\borganismes? (?:publics?|gouvernementaux)\b|\bsites tiers\b|\btierces?\b",
    "user_side": r"\bd'un autre (?:utilisateur|membre|client)\b",
    # Advice to the user, even from "nous": "nous vous recommandons vivement de ne pas fournir à des tiers".
    "forbid": r"\bvous (?:recommandons|conseillons|invitons|demandons) (?:\w+ )?(?:de|à) ne (?:pas|jamais)\b|"
    r"\bveillez à ne (?:pas|jamais)\b",
    "share": r"\bconsultée?s? par\b",
    # Data coming TO the provider, in all its forms (labelled none: "data received from third parties"):
    # "ces partenaires partagent avec nous", "ce service nous communiquera vos informations",
    # "nous recevons des informations de la part des vendeurs", "obtenir des données auprès de".
    "inbound_clause": r"\b(?:partag|communiqu|transmet|fourni|envo|transf[eè]r|divulgu)\w* (?:\w+ ){0,5}?avec nous\b|"
    r"\bnous (?:communiqu|transmet|fourni|partag|envo|transf[eè]r|divulgu)\w*?(?:e|ent|era|eront|ra|ront|t|ssent|ez)\b|"
    r"\b(?:recevons|obtenons|recueillons|collectons|recevoir|obtenir|recueillir|collecter)\b[^.;]{0,120}?"
    r"\b(?:de la part|auprès) (?:de |d'|des |du )?(?:\w+ ){0,2}?\w+",
}
