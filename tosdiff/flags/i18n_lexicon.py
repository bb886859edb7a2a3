"""Word classes of the three tosdiff flags in French, German, Italian, Spanish and Polish.

Regular-expression alternations per language (matched on lowercased text with straight
apostrophes); ``i18n_rules.py`` combines them the same way in every language, and ``i18n_gates.py``
holds the breadth terms of a licence and the substring gates.
"""

from __future__ import annotations

FLAG_LANGUAGES = ("fr", "de", "it", "es", "pl")
NEAR = 60  # characters between two word classes that belong to one phrase ("entraîner ... nos modèles")
SHARE_NEAR = 160  # characters between a sharing verb and its recipient (German puts the verb last)

# Word classes per language, as regular-expression alternations (matched on lowercased text).
LEXICON: dict[str, dict[str, str]] = {
    "fr": {
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
    },
    "de": {
        "user_acts": r"\b(?:sie|du) (?:können|kannst|haben das recht|hast das recht)\b[^.;]{0,80}(?:teilen|weitergeben|"
        r"übermitteln|übertragen)|\bdu\b[^.;]{0,60}\b(?:zur verfügung stellst|bereitstellst|teilst|weitergibst|"
        r"übermittelst)\b|\bkannst du\b|\bentschließen\b",
        "forbid": r"\buntersagt\b|\bverboten\b|\bkonkurr\w*|\bwettbewerb\w*",
        "ai": r"\bki\b|\bki-|-ki\b|künstlich\w* intelligenz|maschinell\w* lern\w*|machine learning|"
        r"(?<!daten)modell\w*|algorithm\w*|\bllms?\b|neuronal\w* netz\w*",
        "train": r"trainier\w*|training\w*|\w+training\b|anlern\w*|\blern\w*",
        "improve": r"verbesser\w*|weiterentwick\w*|entwickel\w*|entwickl\w*|optimier\w*",
        "our_ai": r"\bunser\w* (?:\w+ ){0,2}?(?:ki\b|ki-|künstlich\w* intelligenz|\w*modell\w*|algorithm\w*)",
        "use": r"verwend\w*|nutz\w*|benutz\w*|einsetz\w*|verarbeit\w*",
        "data": r"daten\b|inhalt\w*|information\w*|eingaben|\bprompts?\b|unterhaltung\w*|\bfotos?\b|"
        r"\bvideos?\b|dateien|beitr[äa]g\w*|chats?\b",
        # Negations of something else: "nicht exklusiv" (the breadth of a licence), "nicht identifiziert
        # werden können", "das Recht, aber nicht die Pflicht", "ohne Erfordernis weiterer Maßnahmen".
        "neg": r"\bnicht\b(?![- ](?:exklusiv|ausschließlich|übertragbar|unterlizenz|identifiz|die pflicht|zur pflicht))|"
        r"\bniemals\b|\bnie\b|\bkein\w*\b(?! (?:entschädigung|vergütung))|\bohne\b(?! (?:erfordernis|weitere\w*|"
        r"vorherige\w* (?:ankündigung|benachrichtigung|mitteilung)|benachrichtigung|entschädigung|vergütung))",
        "consent": r"\bohne (?:ihre|deine|vorherige|ausdrückliche)\w* (?:\w+ )?(?:einwilligung|zustimmung|"
        r"erlaubnis|genehmigung)|\bnur mit (?:ihrer|deiner) (?:\w+ )?(?:einwilligung|zustimmung)|"
        r"\b(?:sofern|wenn|falls) (?:sie|du) (?:\w+ ){0,3}?(?:einwillig|zustimm|eingewilligt|zugestimmt)\w*|\bopt-?in\b",
        "opt_out": r"\b(?:sie|du) (?:können|kannst) (?:\w+ ){0,6}?(?:widersprechen|deaktivieren|abwählen|"
        r"ablehnen|widerrufen|abmelden|ausschalten|einstellen)|\bwiderspruch\w*|\bopt-?out\b",
        "default_on": r"\b(?:sofern|es sei denn,?|solange) (?:sie|du) (?:\w+ ){0,3}?(?:nicht )?"
        r"widersprech\w*|\bwidersprochen haben\b",
        "user_side": r"\b(?:sie|du) (?:dürfen|darfst) (?:\w+ ){0,8}?nicht\b|\b(?:ist|sind) (?:es )?(?:ihnen |dir )?"
        r"(?:\w+ )?(?:untersagt|verboten|nicht gestattet|nicht erlaubt)\b|\b(?:sie|du) (?:sind|bist) (?:\w+ )?nicht "
        r"(?:dazu )?berechtigt\b|\bverpflichte\w* (?:sie |du )?(?:sich|dich),? "
        r"(?:\w+ ){0,8}?nicht\b|\bkonkurr\w*|\bwettbewerb\w*",
        "provider": r"\bwir\b|\buns\b|\bunser\w*",
        "licence": r"lizenz\w*|nutzungsrecht\w*|verwertungsrecht\w*|\brechte?\b|"
        r"\b(?:ermächtig|autorisier|gestatte|erlaub)\w* (?:uns|\w+),? (?:\w+ ){0,8}?zu \w+|"
        r"\b(?:nutzen|verwenden|vervielfältigen|veröffentlichen|verbreiten|bearbeiten) (?:zu )?(?:darf|dürfen|kann|können)\b|"
        r"\bnutzung (?:des|der|ihrer|deiner|von) (?:\w+ ){0,3}?(?:ugc|\w*inhalt\w*)",
        "user_grants": r"\b(?:sie|du|nutzer\w*|kunde\w*|mitglied\w*) (?:\w+ ){0,3}?(?:räumen|räumst|räumt|"
        r"gewähren|gewährst|gewährt|erteilen|erteilst|erteilt|übertragen|überträgst|überträgt|gestatten|gestattest|"
        r"gestattet)\b|"
        # Verb first (main clause after a subordinate one, or "hiermit"): "räumst du uns ... ein",
        # "gewähren Sie Grindr"; verb last in a subordinate clause: "dass du uns ... erteilst".
        r"\b(?:räumst|gewährst|erteilst|überträgst|gibst|räumen|gewähren|erteilen|übertragen|geben) (?:sie|du)\b|"
        r"\bdu\b[^.;]{0,150}\b(?:erteilst|gewährst|räumst|überträgst|gibst|einräumst)\b|"
        r"\bvon (?:dir|ihnen) (?:\w+ ){0,4}?(?:gewährt|eingeräumt|erteilt)\w*|"
        r"\b(?:bewilligung|einräumung|gewährung|erteilung) (?:einer|der|dieser) (?:\w+ )?lizenz|"
        r"\bgestatte[nt]? (?:der|die) (?:nutzer|benutzer|kunde|mitglied)\w*|\b(?:sie|du)\b[^.;]{0,80}\bzu (?:gewähren|"
        r"erteilen|übertragen|lizenzieren)\b|"
        r"\beinverstanden,? dass\b[^.;]{0,120}\b(?:nutzen|verwenden|vervielfältigen|veröffentlichen|speichern|"
        r"verbreiten)\b|"
        r"\b(?:sie|du) (?:\w+ ){0,2}?(?:ermächtigen|ermächtigst|autorisieren|autorisierst|gestatten|gestattest|erlauben|"
        r"erlaubst) (?:uns|\w+)\b|\b(?:sie|du) (?:stimmen|stimmst) "
        r"(?:\w+ ){0,2}?zu,? dass\b|\b(?:durch|mit) (?:dem |das )?(?:hochladen|"
        r"veröffentlichen|posten|einstellen|übermitteln|bereitstellen|teilen)\b|\bindem (?:sie|du)\b[^.;]{0,80}"
        r"(?:hochlad|veröffentlich|einstell|post|übermitt|bereitstell|teil)\w*|\beinräum\w*|\beingeräumt\w*|"
        r"\b(?:diese|die|vorstehende) (?:\w+ )?(?:lizenz|nutzungsrecht\w*) (?:umfasst|erlaubt|berechtigt|ermöglicht)",
        "provider_grants": r"\b(?:wir|\w+) (?:räumen|räumt|gewähren|gewährt|erteilen|erteilt) (?:ihnen|dir)\b|"
        r"\b(?:gewähren|räumen|erteilen) wir (?:ihnen|dir)\b|\b(?:ihnen|dir) (?:wird|werden) (?:\w+ ){0,6}?"
        r"(?:eingeräumt|gewährt|erteilt)|\bwird ihnen\b",
        "content": r"inhalt|\bdaten\b|foto|bild\w*|video|beitr[äa]g|\bwerke?\b|material|information|nachricht\w*|"
        r"\buploads?\b|kommentar\w*|bewertung\w*",
        "ownership": r"\b(?:sie|du) (?:bleiben|bleibst|sind und bleiben|bist und bleibst) (?:\w+ ){0,3}?"
        r"(?:eigentümer|inhaber|rechteinhaber)\w*|\b(?:sie|du) (?:behalten|behältst) (?:\w+ ){0,4}?"
        r"(?:rechte|eigentum|urheberrecht)(?![^.;]{0,40}(?:hinweis|vermerk))\w*|\b(?:bleiben|bleibt|verbleiben|verbleibt) (?:\w+ ){0,3}?"
        r"(?:(?:ihr|dein)\w*(?= eigentum\b|\s*[.,;:)]|$)|bei ihnen|bei dir)|\b(?:beanspruchen|erwerben|erheben) (?:\w+ ){0,2}?keine\w* "
        r"(?:\w+ )?(?:eigentums)?(?:rechte|ansprüche)|\b(?:ist|sind|bleibt|bleiben) (?:das )?eigentum (?:des|der) "
        r"(?:benutzer|nutzer|kunde|mitglied|user)\w*|\b(?:ihr|dein)\w* eigentum\b|\bgehör\w* (?:\w+ ){0,2}?(?:ihnen|dir)\b|"
        r"\b(?:ihnen|dir) gehör\w*|\b(?:eigentums?rechte|eigentum|urheberrecht\w*)\b[^.;]{0,100}\bbehalten\b|"
        r"\bbehalten\b(?! uns| sich)(?: \w+){0,3}? (?:das )?(?:eigentum|urheberrecht)|"
        r"\bbleiben (?:sie|du) (?:\w+ ){0,2}?(?:inhaber|eigentümer)\w*|"
        r"\b(?:beansprucht|beanspruchen|erhebt|erheben|erwirbt|erwerben)\b[^.;]{0,30}\b(?:nicht|kein\w*)\b[^.;]{0,30}"
        r"\beigentum",
        # "gilt diese Lizenz so lange weiter, bis der Inhalt gelöscht worden ist": it ends on deletion.
        "ends": r"\bend(?:et|en)\b|\berlisch\w*|\berlösch\w*|\bläuft\b[^.;]{0,30}\bab\b|\bbis (?:\w+ ){0,6}?"
        r"(?:gelöscht|entfernt)|\bbis zu[rm]? (?:\w+ )?(?:löschung|entfernung)",
        "delete": r"lösch\w*|entfern\w*",
        "share": r"weitergeb\w*|weitergegeben|weitergabe|\bgeben\b[^.;]{0,80}\bweiter\b|\bteil(?:en|t)\b|"
        r"geteilt|offen(?:legen|gelegt|legung)|\blegen\b[^.;]{0,60}\boffen\b|übermitt\w*|verkauf\w*|"
        r"vermiet\w*|zugänglich (?:machen|gemacht)|bereitstell\w*|bereitgestellt|weiterleit\w*|"
        r"preisgeb\w*|\bübertrag\w*|\bweitergereicht\w*|\bvermarkt\w*",
        "sale": r"verkauf\w*|vermiet\w*|werbetreibend\w*|werbepartner\w*|werbekunde\w*|werbung|datenhändler\w*",
        "pdata": r"daten\b|informationen\b|e-mail-adresse\w*|telefonnummer\w*|\bprofil\w*|kartendetails|"
        r"\w*kartendaten|\b(?:benutzer|nutzer)inhalte\b|buchungs\w*",
        # "Drittland", "Drittländer": a transfer abroad, not to a third party.
        "recipient": r"\bdritt(?!l[aä]nd)\w*|\bhändler\w*|drittanbieter\w*|partner\w*|werbetreibend\w*|werbekunde\w*|verbundene\w* "
        r"unternehmen|konzern\w*|tochtergesellschaft\w*|gruppenunternehmen|unternehmensgruppe|"
        r"dienstleister\w*|auftragsverarbeiter\w*|behörde\w*|andere\w* unternehmen|\bkäufer\w*|\berwerber\w*",
        # Data coming to the provider ("an uns weitergegeben", "wenn Sie uns Daten mitteilen").
        "inbound": r"\ban uns\b|\b(?:sie|du) uns\b|\bvon (?:dritten|drittanbietern|partnern) (?:\w+ )?"
        r"(?:erhalten|bereitgestellt|beziehen)",
        # A pointer elsewhere, or the third parties' own policy: no sharing is granted here.
        "ref": r"\bweitere informationen\b|\brecht auf auskunft\b|\bdatenschutz\w* (?:\w+ ){0,3}?(?:dieser|der jeweiligen|von) dritt",
        # A disclaimer of liability names "Dritte" and a "Übermittlung" without granting anything.
        "liability": r"\b(?:nicht|keine?)\b (?:\w+ ){0,2}?(?:verantwortlich|verantwortung|haftbar|haftung)|"
        r"\bhafte[nt]\b[^.;]{0,80}\b(?:nicht|weder)\b|\b(?:nicht|weder)\b[^.;]{0,80}\bhafte[nt]\b|\bhaftungs(?:ausschluss|beschränkung)\w*",
        "assign": r"\brechte und pflichten\b|\b(?:vereinbarung|bedingungen|agb|nutzungsbedingungen|vertrag)\b"
        r"[^.;]{0,60}\bübertrag\w*",
        # The provider's licence over the user's content described (its scope, term, sublicensing): "Die
        # Lizenz von X an Benutzerinhalten umfasst", "Das Recht von Quora, jede von Dir veröffentlichte Frage zu
        # kopieren, ist unbefristet".
        "user_content": r"\b(?:dein|ihr)\w* (?:\w+ )?(?:inhalt|beitr|foto|frage)\w*|\bvon (?:dir|ihnen) (?:\w+ ){0,3}?"
        r"(?:veröffentlicht|hochgeladen|eingestellt|bereitgestellt|übermittelt)\w*|\b(?:benutzer|nutzer)inhalt\w*|\bugc\b",
        "licence_scope": r"\b(?:lizenz|recht)\w*\b[^.;]{0,300}\b(?:umfasst|einschließt|beinhaltet|schließt\b[^.;]{0,60}\bein|"
        r"ist (?:\w+ )?(?:unbefristet|unwiderruflich|dauerhaft|weltweit))\b",
        "sublicence": r"\bunterzulizenzieren\b|\bunterlizenzieren\b|\bvergabe von (?:unter|sub)?lizenzen\b|\bsublizenznehmer\w*",
        "subject_to": r"\bvorbehaltlich\b|\bunterliegen\b",
        "warranty": r"\bversicher(?!er\b|ern\b|ungs?\w*)\w*|\bgewährleist\w*|\bgarantier\w*",
        "malware": r"\bvir(?:us|en)\b|\btrojaner\w*|\bschadsoftware\b",
        "licence_noun": r"lizenz\w*|nutzungsrecht\w*",
        "pdata_strict": r"personenbezogen\w*|persönlich\w* daten",
        "share_noun": r"\bweitergabe\b|\bübermittlung\b|\boffenlegung\b",
        "only_if": r"\bnur\b[^.;]{0,80}\b(?:wenn|sofern|falls)\b",
        "via_ml": r"\b(?:durch|mittels|mithilfe|anhand)\b (?:\w+ ){0,2}?(?:maschinell\w* lern\w*|künstlich\w* intelligenz|ki\b)",
    },
    "it": {
        "user_acts": r"\b(?:puoi|potete|l'utente può|hai il diritto|ha il diritto)\b[^.;]{0,80}(?:condivid|trasmett|"
        r"comunic)|\b(?:potrà|può|puoi|potrai) scegliere\b|\bcondividendo\b|\bda parte (?:dell'utente|tua|vostra)\b",
        "forbid": r"\bvietat\w*|\bproibit\w*|\bdivieto\b|\bconcorren\w*",
        "ai": r"\bia\b|\bai (?:generativa|generative)\b|\bmodell[oi] (?:di )?ai\b|intelligenza artificiale|apprendimento automatico|machine learning|"
        r"\bmodell[oi]\b(?! di dati)|algoritm\w*|\bllms?\b|reti neurali",
        "train": r"addestr\w*|\ballen(?:are|amento|iamo|ati)\b|\btraining\b",
        "improve": r"miglior\w*|svilupp\w*|perfezion\w*|ottimizz\w*",
        "our_ai": r"\b(?:nostr[aoie]|propri[aoie]) (?:\w+ ){0,2}?(?:ia\b|ai\b|intelligenza artificiale|"
        r"modell[oi]|algoritm\w*)",
        "use": r"utilizz\w*|\bus(?:are|iamo|ati?|ate|ano)\b|impieg\w*|tratt\w*",
        "data": r"\bdati\b|contenut\w*|informazion\w*|\binputs?\b|\bprompts?\b|conversazion\w*|\bfoto\b|"
        r"\bvideo\b|\bfile\b|material\w*",
        "neg": r"\bnon\b(?![- ](?:esclusiv|trasferibil|cedibil|l'obbligo|(?:\w+ )?identific))|\bmai\b|\bnessun\w*|"
        r"\bsenza\b(?! (?:preavviso|alcun compenso|compenso|ulteriore|corrispettivo))",
        "consent": r"\bsenza (?:il )?(?:tuo|suo|vostro|loro|previo|preventivo|esplicito)\w* (?:\w+ )?consenso|"
        r"\bcon il (?:tuo|suo|vostro) (?:\w+ )?consenso|\bprevio (?:\w+ )?consenso|\bse (?:acconsenti|"
        r"l'utente acconsente|hai acconsentito)|\bopt-?in\b",
        "opt_out": r"\b(?:puoi|potete|può|l'utente può) (?:\w+ ){0,4}?(?:opporti|opporsi|disattivar\w*|"
        r"rifiutar\w*|revocar\w*|modificare le (?:tue|sue) preferenze|disiscriver\w*)|\bopposizione\b|"
        r"\bopt-?out\b|\bse non (?:desideri|vuoi|desidera)\b",
        "default_on": r"\bsalvo (?:opposizione|che (?:tu|l'utente) (?:non )?si opponga)\b|\ba meno che (?:tu|"
        r"l'utente) non\b",
        "user_side": r"\bè (?:severamente |espressamente )?(?:vietato|proibito|fatto divieto)\b|\bnon è "
        r"(?:consentito|permesso)\b|\b(?:l'utente|tu|voi) non (?:può|puoi|potete|deve|devi|dovete)\b|"
        r"\b(?:ti|si|vi) impegn\w+ a non\b|\baccett\w* di non\b|\bnon (?:puoi|potete|devi|dovete)\b|\bconcorren\w*",
        "provider": r"\bnoi\b|\bnostr\w*|\b\w+iamo\b|\bci\b",
        # "autorizza Facebook a memorizzarla, copiarla": a licence without the word.
        "licence": r"\blicenz\w*|\bsub-?licenz\w*|\bsublicenz\w*|\bdiritt[oi]\b(?: \w+){0,4}? (?:di|d'|all'|a) ?(?:uso|"
        r"utilizz\w*|usare|sfruttamento|riprodurre|pubblicare|vendere|trasferire|copiare|modificare|distribuire)\b|\bil diritto di (?:vendere|trasferire|utilizzare|usare|riprodurre|pubblicare|copiare|modificare|"
        r"distribuire)\b|\bautorizz\w* [^.;]{0,40}\ba (?:memorizz|copi|utilizz|usar|riprodu|pubblic|modific|distribu)\w*",
        "user_grants": r"\b(?:l'utente|tu|voi|lei|il cliente|l'iscritto) (?:\w+ ){0,3}?(?:concede|concedi|"
        r"concedete|conferisce|conferisci|cede|cedi|accorda|accordi|autorizza|autorizzi)\b|"
        r"\bl'utente\b[^.;]{0,150}\b(?:concede|concedere|conferisce|cede|accorda|autorizza)\b|"
        r"\bconcession\w* (?:di|della) (?:\w+ )?licenz\w* a\b|\b(?:accett\w*|acconsent\w*) (?:di|a) concedere\b|\bci garantisc\w* (?:un|il) diritto\b|"
        r"\bci (?:concedi|concede|conferisci|accordi|conceda|"
        r"conferisca)\b|\b(?:tu|l'utente) (?:\w+ )?(?:conceda|conferisca|accordi)\b|\b(?:da te|dall'utente|dagli utenti) concess\w*|"
        r"\baccett\w* che [^.;]{0,80}\b(?:possa|possano) (?:utilizzare|usare|riprodurre|pubblicare|memorizzare)|\b(?:concedi|"
        r"concede|conferisci|cedi) (?:a noi|a \w+|al|alla|ai)\b|\bpubblicando\b|\bcaricando\b|\binviando\b|"
        r"\bcondividendo\b|\bfornendo\b|\bmettendo a disposizione\b|\b(?:tale|la presente|questa|detta) "
        r"licenza (?:comprende|include|consente|ci consente|permette)|\babbiamo bisogno di una licenza\b",
        "provider_grants": r"\b\w+ (?:ti|le|vi) (?:concede|concediamo|conferisce|conferiamo|accorda|"
        r"accordiamo)\b|\b(?:all'utente|agli utenti) (?:viene|vengono|è) (?:\w+ )?(?:concess|conferit|"
        r"accordat)\w*|\bconcess[oi] in licenza\b",
        "content": r"contenut\w*|\bugc\b|\bdati\b|\bfoto\w*|\bimmagin\w*|\bvideo\b|\bopere?\b|material\w*|"
        r"informazion\w*|\bpost\b|\bcommenti\b|\brecension\w*|contribut\w*",
        "ownership": r"\b(?:l'utente|tu|voi|lei) (?:\w+ )?(?:rimani|rimane|resti|resta|mantieni|mantiene|"
        r"conservi|conserva|detieni|detiene) (?:\w+ ){0,3}?(?:proprietari\w*|titolar\w*|diritti|proprietà)|"
        r"\b(?:rimane|rimangono|resta|restano) (?:di )?(?:tua|sua|vostra|tuoi|suoi) (?:\w+ )?(?:proprietà)?|"
        r"\bnon rivendic\w+ (?:alcun\w*|la) (?:diritt\w*|proprietà)|\bnon acquisi\w+ (?:alcun\w*|la) proprietà|"
        r"\b(?:l'utente|tu|voi) (?:è|sei|siete) (?:il |l')?(?:unico |esclusivo )?(?:titolare|proprietari)\w*|"
        r"\bdi cui (?:è|sei|siete) titolar\w*|\bappartengono (?:all'utente|a te|a voi)\b|\bsei (?:tu )?(?:il )?proprietari\w*|"
        r"\b(?:restano|rimangono|resta|rimane) in capo (?:all'utente|a te|a voi)\b|"
        r"\bspetta(?:no)? (?:a te|all'utente)\b|\bconserv\w* (?:\w+ ){0,2}?(?:la )?(?:titolarità|proprietà|tutti i diritti)|"
        r"\bmant(?:iene|ieni|enete|errà|errete|errai|erranno) (?:\w+ ){0,2}?(?:titolarità|proprietà|diritti)|"
        r"\bnon rivendic\w+ (?:alcuna )?titolarità",
        "ends": r"\btermin\w*|\bcess\w*|\bscad\w*|\bestingu\w*|\bfino (?:all'|al momento (?:in cui|dell'))"
        r"(?:\w+ )?(?:eliminazion|rimozion|cancellazion|elimin|rimoss|rimoz)\w*",
        "delete": r"elimin\w*|cancell\w*|rimo(?:zion|ss|v)\w*",
        "share": r"condivi\w*|comunic\w*|trasmett\w*|trasmess\w*|divulg\w*|\bvend\w*|\bced\w*|\bcession\w*|"
        r"\bnoleggi\w*|mett\w* a disposizione|mess[oi] a disposizione|\bforni(?:re|amo|ranno|sce|scono|ti|te) "
        r"(?:\w+ ){0,4}?(?:a|ai|alle|agli)\b|\bscambi\w*|\btrasferi\w*",
        "sale": r"\bvend\w*|\bnoleggi\w*|inserzionist\w*|pubblicit\w*|broker",
        "pdata": r"\bdati\b|\binformazioni\b|\brecapiti\b|indirizz\w* e-?mail|numer\w* di telefono|\bprofilo\b|"
        r"\bdettagli (?:della|del|di) (?:carta|pagamento|prenotazione)\b|\bcontenuti dell'utente\b",
        # "paesi terzi": a transfer abroad, not to a third party.
        "recipient": r"(?<!paesi )\bterz[ie]\b|\besercent\w*|\bpartner\b|inserzionist\w*|società (?:del gruppo|affiliat\w*|collegat\w*|"
        r"controllat\w*)|\baffiliat\w*|\bcontrollat\w*|\bfornitor\w*|\bresponsabili del trattamento\b|"
        r"\bautorità\b|\bacquirent\w*|\bbroker\b|\baltre (?:società|aziende)\b",
        "inbound": r"\bci (?:sono stat[ie] |vengono |viene )?(?:fornit|comunicat|trasmess)\w*|\ba noi\b",
        "ref": r"\bper (?:maggiori|ulteriori) informazioni\b|\bdiritto di (?:accesso|sapere|richiedere)\b|\binformativa (?:sulla privacy )?(?:delle stesse|di tali|"
        r"dei terzi|di terze parti)",
        "liability": r"\bnon (?:è|sono|sarà|saranno|può essere) (?:\w+ )?responsabil\w*|\bnon (?:può|possono) garantire\b|"
        r"\b(?:nessuna|alcuna) responsabilità\b",
        "assign": r"\bdiritti e (?:gli )?obblighi\b|\b(?:cedere|trasferire|assegnare) (?:\w+ )?(?:il presente|i presenti|"
        r"questo) (?:contratto|accordo|termini|condizioni)",
        "user_content": r"\b(?:tuo|tuoi|tua|tue|suoi) (?:\w+ )?(?:contenut|post|foto|contribut)\w*|\bcontenuti dell'utente\b|"
        r"\b(?:dall'utente|da te) (?:\w+ )?(?:pubblicat|caricat|inviat|fornit)\w*|\bugc\b",
        "licence_scope": r"\b(?:licenz|diritt)\w*\b[^.;]{0,300}\b(?:include|includa|comprende|comporta|è (?:\w+ )?(?:perpetu|"
        r"irrevocabil))\w*",
        "sublicence": r"\bconcedere in sub-?licenza\b|\bsub-?licenziare\b",
        "subject_to": r"\bfatt[io] salv[io]\b|\bsoggett[io] a\b",
        "warranty": r"\bdichiar\w* e garantisc\w*|\bgarantisc\w* che\b",
        "malware": r"\bvirus\b|\bcavalli di troia\b|\bmalware\b",
        "licence_noun": r"\blicenz\w*",
        "pdata_strict": r"\bdati personali\b|\binformazioni personali\b",
        "share_noun": r"\bcomunicazione\b|\bcessione\b|\bdivulgazione\b|\btrasferimento\b",
        "only_if": r"\bsolo\b[^.;]{0,80}\b(?:se|qualora|quando)\b|\besclusivamente\b[^.;]{0,80}\bse\b",
        "via_ml": r"\b(?:mediante|tramite|attraverso|grazie a)(?: l')? ?(?:apprendimento automatico|intelligenza artificiale)",
    },
    "es": {
        "user_acts": r"\b(?:puede|puedes|tiene derecho|tienes derecho)\b[^.;]{0,80}(?:compart|transmit|comunic)|"
        r"\b(?:puede|puedes) elegir\b",
        "forbid": r"\bprohibid\w*|\bcompeten\w*|\bcompetidor\w*",
        "ai": r"\bia\b|\bi\.a\.|inteligencia artificial|aprendizaje automático|machine learning|"
        r"\bmodelos?\b(?! de datos)|algoritmos?|\bllms?\b|redes neuronales",
        "train": r"entren\w*|\btraining\b",
        "improve": r"mejor(?:ar|amos|ando|ado|ados|ada|adas|a|e|en|as)\b|desarroll\w*|perfeccion\w*|optimiz\w*",
        "our_ai": r"\bnuestr[oa]s? (?:\w+ ){0,2}?(?:ia\b|inteligencia artificial|modelos?|algoritmos?)",
        "use": r"utiliz\w*|\bus(?:ar|amos|ado|ados|ada|adas|a|an)\b|emple\w*|trat\w*",
        "data": r"\bdatos\b|contenid\w*|informaci[oó]n\w*|\binputs?\b|\bprompts?\b|conversaciones|\bfotos?\b|"
        r"\bv[íi]deos?\b|archivos|materiales",
        "neg": r"\bno\b(?! (?:la obligación|(?:\w+ )?identific))|\bnunca\b|\bjamás\b|\bningun\w*|"
        r"\bsin\b(?! (?:previo aviso|aviso|compensación|contraprestación))",
        "consent": r"\bsin (?:su|tu|vuestro|el|previo|su previo|tu previo) (?:\w+ )?consentimiento|"
        r"\bcon (?:su|tu|vuestro) (?:\w+ )?consentimiento|\bprevio consentimiento|\bsi (?:usted |tú )?"
        r"(?:lo )?(?:consiente|consientes|acepta)\b|\bopt-?in\b",
        "opt_out": r"\b(?:puede|puedes|podrá|podrás|pueden) (?:\w+ ){0,4}?(?:oponerse|oponerte|desactivar\w*|"
        r"rechazar\w*|retirar\w*|revocar\w*|darse de baja|darte de baja|configurar sus preferencias)|"
        r"\boposici[oó]n\b|\bopt-?out\b|\bsi no (?:desea|deseas|quiere|quieres)\b",
        "default_on": r"\bsalvo (?:oposici[oó]n|que (?:usted |tú )?(?:se |te )?oponga)|\ba menos que (?:usted |tú )?"
        r"(?:se |te )?op",
        "user_side": r"\b(?:está|queda|quedan) (?:estrictamente |expresamente )?prohibid\w*\b|\bno (?:está|"
        r"estará) (?:permitido|autorizado)\b|\b(?:usted|el usuario|tú) no (?:puede|podrá|puedes|podrás|debe|"
        r"deberá|debes)\b|\bse compromete a no\b|\bte comprometes a no\b|\bno (?:puede|podrá|puedes|debe|"
        r"deberá|debes)\b|\bcompeten\w*|\bcompetidor\w*",
        "provider": r"\bnosotros\b|\bnuestr\w*|\b\w+(?:amos|emos|imos)\b",
        "licence": r"\blicencia\w*|\bsublicencia\w*|\bderechos? de (?:uso|utilizaci[oó]n|explotaci[oó]n)\b",
        "user_grants": r"\b(?:usted|tú|el usuario|el cliente|el miembro) (?:\w+ ){0,3}?(?:otorga|otorgas|"
        r"concede|concedes|cede|cedes|confiere|confieres|autoriza|autorizas)\b|\b(?:nos )?(?:otorga|otorgas|"
        r"concede|concedes|cede|cedes) (?:a \w+|al|a la|a nosotros)\b|\bnos (?:otorga|otorgas|concede|concedes|"
        r"cede|cedes)\b|\bal (?:publicar|subir|enviar|compartir|proporcionar|cargar|crear)\b|\b(?:publicando|"
        r"subiendo|enviando|compartiendo|proporcionando)\b|\b(?:dicha|esta|la presente) licencia (?:incluye|"
        r"comprende|nos permite|permite)|\bnecesitamos una licencia\b|\blicencia (?:que nos )?otorgad\w* por (?:usted|ti|el usuario)",
        "provider_grants": r"\b\w+ (?:le|te|os) (?:otorga|otorgamos|concede|concedemos|confiere|conferimos)\b|"
        r"\b(?:al usuario|a los usuarios) se (?:le |les )?(?:otorga|concede)\w*|\b(?:se )?(?:le|te) (?:otorga|"
        r"concede) una licencia\b",
        "content": r"contenid\w*|\bdatos\b|\bfotos?\b|\bfotograf\w*|\bim[aá]gen\w*|\bv[íi]deos?\b|\bobras?\b|"
        r"material\w*|informaci[oó]n\w*|\bpublicaciones\b|\bcomentarios\b|\brese[ñn]as\b",
        "ownership": r"\b(?:usted|tú|el usuario) (?:\w+ )?(?:conserva|conservas|mantiene|mantienes|retiene|"
        r"retienes|sigue siendo|sigues siendo|es y seguirá siendo) (?:\w+ ){0,3}?(?:propiedad|propietario\w*|"
        r"titular\w*|derechos)|\b(?:sigue|siguen|seguirá|seguirán) siendo (?:de )?(?:su|tu|sus|tus) "
        r"(?:\w+ )?(?:propiedad)?|\bno reclam\w+ (?:ningún|la) (?:derecho|propiedad)|\bno adquiri\w+ (?:ningún|la) "
        r"(?:derecho de )?propiedad|\b(?:usted|tú|el usuario) (?:es|eres) (?:el )?(?:único )?(?:propietario|titular)\b",
        "ends": r"\btermin\w*|\bfinaliz\w*|\bexpir\w*|\bextingu\w*|\bcesa\w*",
        "delete": r"elimin\w*|borr\w*|retir\w*",
        "share": r"compart\w*|comunic\w*|\bced\w*|\bcesi[oó]n\w*|\bvend\w*|\bventa\b|divulg\w*|transmit\w*|"
        r"revel\w*|facilit(?:ar|amos|aremos|a) (?:\w+ ){0,4}?a\b|proporcion(?:ar|amos|aremos|a) (?:\w+ ){0,4}?a\b|\bpon(?:er|emos)? a disposici[oó]n|\balquil\w*|\btransfer\w*|"
        r"\bintercambi\w*|\bsuministr\w*",
        "sale": r"\bvend\w*|\bventa\b|\balquil\w*|anunciantes?|publicitari\w*|publicidad|brokers?|corredores de datos",
        "pdata": r"\bdatos\b|\binformaci[oó]n\b|\bcorreo electr[oó]nico\b|n[uú]mero de tel[eé]fono|\bperfil\b",
        # "terceros países": a transfer abroad, not to a third party.
        "recipient": r"\bterceros?\b(?! pa[ií]ses)|\bterceras partes\b|\bsocios?\b|anunciantes?|empresas? (?:del grupo|"
        r"afiliadas?|vinculadas)|\bsociedades (?:del grupo|afiliadas|vinculadas)|\bfiliales?\b|\bafiliad\w*|"
        r"\bproveedores?\b|\bencargados del tratamiento\b|\bautoridades\b|\bcompradores?\b|\bbrokers?\b|"
        r"\botras empresas\b|\bcomerciantes?\b",
        "inbound": r"\b(?:nos|a nosotros) (?:proporciona|comunica|facilita|envía|transmite)\w*|\brecib\w+ de terceros\b",
        "ref": r"\bpara (?:más|obtener más) informaci[oó]n\b|\bderecho a (?:saber|solicitar|acceder)\b|\bmás informaci[oó]n\b",
        "liability": r"\bno (?:es|será|somos|se hace|nos hacemos|nos hace) (?:\w+ )?responsab\w*|\b(?:ninguna|ni) responsabilidad\b",
        "assign": r"\bderechos y obligaciones\b|\bceder (?:el presente|estos|estas) (?:contrato|acuerdo|términos|condiciones)",
        "user_content": r"\b(?:su|sus|tu|tus) (?:\w+ )?(?:contenidos?|publicaciones|fotos?)\b|\bcontenidos? del usuario\b",
        "licence_scope": r"\blicencia\w*\b[^.;]{0,300}\b(?:incluye|comprende|abarca|es (?:\w+ )?(?:perpetua|irrevocable))\b",
        "sublicence": r"\bsublicenciar\b|\botorgar sublicencias\b",
        "subject_to": r"\bsujet[oa]s? a\b|\bsin perjuicio\b",
        "warranty": r"\bdeclara y garantiza\b|\bgarantiza que\b",
        "malware": r"\bvirus\b|\btroyanos?\b|\bmalware\b",
        "licence_noun": r"\blicencias?\b",
        "pdata_strict": r"\bdatos personales\b|\binformaci[oó]n personal\b",
        "share_noun": r"\bcomunicaci[oó]n\b|\bcesi[oó]n\b|\bdivulgaci[oó]n\b|\btransferencia\b",
        "only_if": r"\bsolo\b[^.;]{0,80}\b(?:si|cuando)\b|\bsólo\b[^.;]{0,80}\b(?:si|cuando)\b|\búnicamente\b[^.;]{0,80}\bsi\b",
        "via_ml": r"\b(?:mediante|a través del?|por medio del?|gracias al?) (?:el )?(?:aprendizaje automático|"
        r"inteligencia artificial)",
    },
    "pl": {
        "user_acts": r"\b(?:możesz|masz prawo|użytkownik może)\b[^.;]{0,80}(?:udostępni|przekaz|przesł)|"
        r"\b(?:może|możesz) (?:\w+ )?wybrać\b",
        "forbid": r"\bzabrania\w*|\bzakaz\w*|\bkonkurenc\w*",
        "ai": r"\bai\b|\bsi\b|sztuczn\w* inteligencj\w*|uczeni\w* maszynow\w*|machine learning|\bmodel\w*(?! danych)|"
        r"algorytm\w*|\bllms?\b|sieci neuronow\w*",
        "train": r"trenow\w*|wytrenow\w*|trening\w*|szkoleni\w*|szkol\w*|\btraining\b",
        "improve": r"ulepsz\w*|doskonal\w*|udoskonal\w*|\brozw(?:ój|oju|ijać|ijania|ijamy|ija|inąć)\w*|"
        r"popraw\w*|opracow\w*|optymaliz\w*",
        "our_ai": r"\b(?:nasz\w*|własn\w*) (?:\w+ ){0,2}?(?:ai\b|si\b|sztuczn\w* inteligencj\w*|model\w*|algorytm\w*)",
        "use": r"wykorzyst\w*|używ\w*|użyc\w*|korzyst\w*|przetwarz\w*",
        "data": r"\bdan(?:e|ych|ymi|ym)\b|treś\w*|informacj\w*|\bprompt\w*|rozm[oó]w\w*|\bzdję\w*|\bwideo\b|"
        r"\bplik\w*|materiał\w*",
        "neg": r"\bnie\b(?! (?:wyłączn|przenoszaln|zbywaln|jest zobowiązan|(?:\w+ )?z?identyfik))|\bnigdy\b|\bżadn\w*|"
        r"\bbez\b(?! (?:powiadomienia|uprzedzenia|wynagrodzenia|dodatkowej))",
        "consent": r"\bbez (?:twojej|pana|pani|państwa|uprzedniej|wyraźnej|twej)\w* (?:\w+ )?zgody|"
        r"\bza (?:twoją|pana|pani|państwa|uprzednią|wyraźną) (?:\w+ )?zgodą|\bjeśli (?:wyrazisz|wyraził\w*) "
        r"zgodę|\bopt-?in\b",
        "opt_out": r"\b(?:możesz|mogą|może|można) (?:\w+ ){0,4}?(?:sprzeciw\w*|wyłącz\w*|odmówić|wycofa\w*|"
        r"zrezygnować|zmienić ustawienia)|\bsprzeciw\w*|\bopt-?out\b|\bjeśli nie (?:chcesz|chcą|chce)\b",
        "default_on": r"\bchyba że (?:\w+ ){0,2}?(?:sprzeciw\w*|wyłącz\w*)|\bo ile nie (?:\w+ ){0,2}?sprzeciw\w*",
        "user_side": r"\bzabrania się\b|\bnie wolno\b|\b(?:jest )?zakazane\b|\b(?:użytkownik|ty) nie (?:może|"
        r"możesz|powinien|powinieneś)\b|\bnie (?:możesz|może|mogą|należy|wolno)\b(?! być)|\bzobowiązuj\w+ (?:się )?"
        r"(?:do )?nie\b|\bkonkurenc\w*",
        "provider": r"\bmy\b|\bnas\w*\b|\b\w+(?:my|imy|emy|amy)\b",
        # "wyrażasz zgodę na używanie przez Booking.com zdjęć": a licence without the word.
        "licence": r"\blicencj\w*|\bsublicencj\w*|\bupoważnia\w* (?:\w+ ){0,2}?do (?:korzystania|wykorzystywania|"
        r"używania|publikowania|przechowywania|kopiowania)|\bzezwala\w* (?:\w+ ){0,2}?na (?:korzystanie|wykorzystywanie|"
        r"używanie|publikowanie|przechowywanie|kopiowanie)|\bpraw[oa]? do (?:korzystania|wykorzystywania|używania|sprzedaży|"
        r"przeniesienia|powielania|rozpowszechniania|publikowania)\b|\bzgod\w* na (?:używanie|wykorzystywanie|"
        r"korzystanie|przechowywanie|kopiowanie|publikowanie|rozpowszechnianie)|\bpozwoleń prawnych\b",
        "user_grants": r"\b(?:użytkownik|ty|klient|członek) (?:\w+ ){0,3}?(?:udziela|udzielasz|przyznaje|"
        r"przyznajesz|przenosi|przenosisz|upoważnia|upoważniasz)\b|\budziel(?:a|asz|ają|ić|enie)\w* "
        r"(?:\w+ ){0,3}?(?:nam|spółce|firmie|serwisowi|\w+owi)\b|\b(?:udziela|udzielasz|przyznajesz|"
        r"przyznaje) (?:nam|\w+)\b|\b(?:publikując|przesyłając|zamieszczając|udostępniając|dodając|"
        r"wgrywając|umieszczając)\b|\b(?:licencja|ta licencja|powyższa licencja) (?:obejmuje|pozwala|"
        r"umożliwia|uprawnia)|\bpotrzebujemy (?:od (?:ciebie|użytkownika|was) )?(?:\w+ ){0,2}?(?:pozwoleń|licencji|"
        r"zgody)|\bwyrażasz zgodę\b|\budziela\w* (?:nam )?zgody\b|\budzielenie licencji na rzecz\b|"
        r"\budzielon\w* przez (?:ciebie|użytkownika|użytkowników)|\bprzez (?:ciebie|użytkownika) udzielon\w*|"
        r"\b(?:upoważniasz|zezwalasz)\b|\b(?:użytkownik|ty) (?:\w+ ){0,3}?(?:upoważnia|zezwala)\b|"
        r"\b(?:udzielają|przyznają|przenoszą) państwo\b|\bzgadza\w* się udzielić\b|\budzieli\b",
        "provider_grants": r"\b\w+ (?:udziela|udzielamy|przyznaje|przyznajemy) (?:ci|tobie|użytkownikowi|"
        r"użytkownikom|panu|pani|państwu)\b|\b(?:użytkownikowi|użytkownikom) (?:\w+ )?(?:udziela się|"
        r"przysługuje)\b",
        "content": r"treś\w*|\bugc\b|\bdan(?:e|ych)\b|\bzdję\w*|\bobraz\w*|\bwideo\b|\bfilm\w*|\butw[oó]r\w*|"
        r"materiał\w*|informacj\w*|\bpost(?:y|ów|ach|ami|om)?\b|\bkomentarz\w*|\bopini\w*",
        "ownership": r"\b(?:użytkownik|ty) (?!nie\b)(?:\w+ )?(?:zachowuje|zachowujesz|pozostaje|pozostajesz|jest i "
        r"pozostaje|posiada|posiadasz) (?:\w+ ){0,3}?(?:właściciel\w*|praw\w*|własnoś\w*|uprawnion\w*)|"
        r"\bnie jest właścicielem\b|\b(?:użytkownik\w*|państwo|ty)\b[^.;]{0,60}\bzachowuj(?:e|esz|ą)\b|"
        r"\bzachowuj(?:e|esz|ą) państwo\b|\bstanowi\w* własność (?:\w+ ){0,2}?użytkownika|\b(?:użytkownik|ty) jest właścicielem|"
        r"\bjesteś właścicielem|\bnie ma(?:my)? prawa własności\b|\bpozostaj\w+ (?:\w+ )?"
        r"(?:twoją|twoje|twoja|własnością użytkownika|twoją własnością)|\bnie rości\w* (?:sobie )?(?:żadnych )?"
        r"praw|\bnie nabywa\w* (?:żadnych )?praw(?:a)? własności",
        "ends": r"\bwygas\w*|\bwygaś\w*|\bkończy\w*|\bustaj\w*|\bzakończ\w*|\bdo (?:momentu|chwili|czasu) "
        r"(?:\w+ )?usunięci\w*",
        "delete": r"usun\w*|usuw\w*|skasow\w*",
        "share": r"udostępni\w*|przekaz\w*|przekazan\w*|przekazyw\w*|ujawni\w*|sprzeda\w*|sprzedaż\w*|"
        r"powierz\w*|\bdzieli\w*|\bwynajm\w*|\btransfer\w*|\bwymienia\w*|\bprzesył\w*",
        "sale": r"sprzeda\w*|sprzedaż\w*|wynajm\w*|reklamodawc\w*|reklam\w*|brokerom|brokerzy|broker\w*",
        "pdata": r"\bdan(?:e|ych|ymi|ym)\b|\binformacj\w*|adres\w* e-?mail|numer\w* telefon\w*|\bprofil\w*|"
        r"\btreści użytkownika\b",
        "recipient": r"\bpodmiot\w* trzeci\w*|\bstron\w* trzeci\w*|\bosob\w* trzeci\w*|\bpartner\w*|"
        r"reklamodawc\w*|podmiot\w* powiązan\w*|spółk\w* (?:z grupy|zależn\w*|powiązan\w*)|\bgrup\w* "
        r"(?:kapitałow\w*|spółek)|\bdostawc\w*|podmiot\w* przetwarzając\w*|\borgan(?:y|ów|om|ami|ach|owi|em|u)?\b|\bnabywc\w*|"
        r"\binnym firmom\b|\binnych firm\b|\bsprzedawc\w*",
        # "przekazywanie nam", "przekazywane firmie Skype przez dostawcę": data coming to the provider.
        "inbound": r"\b(?:przekaz\w*|udostępni\w*|przesył\w*) nam\b|\bnam (?:przekaz|udostępni|przesył)\w*|"
        r"\bprzekazywane firmie\b|\bprzekazania \w+ (?:określonych )?danych",
        "ref": r"\bwięcej informacji\b|\bprawo do (?:dostępu|uzyskania informacji|żądania)\b|\bzapoznaj się\b",
        "liability": r"\bnie (?:ponosi|ponoszą|jest|są|będzie|bierze) (?:\w+ )?odpowiedzialn\w*|\b(?:żadnej|nie udziela) "
        r"(?:\w+ )?(?:odpowiedzialności|gwarancji)\b",
        "assign": r"\bpraw\w* i obowiązk\w*|\bcesj\w*",
        "user_content": r"\b(?:twoje|twoich|twoimi) (?:\w+ )?(?:treś|zdję|materiał|pyta)\w*|\btreś\w* użytkownika\b|"
        r"\bprzez (?:ciebie|użytkownika|państwa) (?:\w+ )?(?:opublikowan|przesłan|zamieszczon|udostępnion)\w*|"
        r"\b(?:zamieszczon|przesłan|opublikowan)\w* przez (?:ciebie|użytkownika|państwa)|\bugc\b",
        "licence_scope": r"\b(?:licencj|praw)\w*\b[^.;]{0,300}\b(?:obejmuje|obejmują|jest (?:\w+ )?(?:wieczyst|nieodwołaln))\w*",
        "sublicence": r"\budzielani\w* sublicencji\b|\budzielania dalszych licencji\b",
        "subject_to": r"\bz zastrzeżeniem\b",
        "warranty": r"\boświadcza\w* i gwarantuj\w*|\bgwarantuj\w*, że\b",
        "malware": r"\bwirus\w*|\bkoni trojańskich\b|\bzłośliw\w* oprogramowani\w*",
        "licence_noun": r"\blicencj\w*",
        "pdata_strict": r"\bdan\w* osobow\w*",
        "share_noun": r"\bprzekazani\w*|\budostępnieni\w*|\bujawnieni\w*",
        "only_if": r"\btylko\b[^.;]{0,80}\b(?:jeśli|jeżeli|gdy|wtedy)\b|\bwyłącznie\b[^.;]{0,80}\b(?:jeśli|jeżeli|gdy)\b",
        "via_ml": r"\b(?:za pomocą|poprzez|przy użyciu|z wykorzystaniem) (?:\w+ )?(?:uczeni\w* maszynow\w*|sztucznej "
        r"inteligencji)",
    },
}

# Third round: the wording the tuning companies' newly labelled terms showed, per class. Merged into
# LEXICON by i18n_rules.lexicon(): a key already there gets these alternatives added ("|"), a new key
# is a new word class.
# - grant_noun: a licence to the provider described by itself, with no grant verb and often no word
#   for the content: nominal grants ("Bewilligung einer Lizenz an Rovio", "concessione di licenza",
#   "udzielenie licencji"), the rights "granted under this licence" (limited to running the service),
#   moral rights waived over what the user posts, the provider obtaining the rights over the user's
#   image, "la licence susmentionnée" sublicensed.
# - exploit_right: "the right to reproduce / use / exploit" (a list item of the licence), counted as
#   the licence described when the user's content is its object (i18n_rules.right_over_content).
# - licence / user_grants: permission nouns and verbs as licences ("ci concedi il permesso di
#   utilizzarli", "udzielasz nam zgody na wykorzystanie", "vous autorisez X à reproduire",
#   "tu acceptes que nous utilisions tes images", "ist es Ubisoft ... gestattet, den UGC zu nutzen").
# - recipient: who data goes to in a business transfer or for advice and insurance (the acquirer,
#   "another company", lenders, auditors, lawyers, advisers, insurers, claims handlers).
# - neg exceptions, consent, default_on: "ne peuvent être communiquées qu'aux" (only to: a limit, not a
#   refusal), "qui ne sont pas en mesure de", "subordonnée à votre accord", "si vous ne vous y êtes pas
#   opposé" (on unless the user objects).
EXTRA: dict[str, dict[str, str]] = {
    "fr": {
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
        "neg_except": r"\bn(?:e\b|') ?(?:\w+ ){0,3}?qu(?:e\b|')|\bne sont pas en mesure\b|\bne (?:peut|peuvent) pas "
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
    },
    "de": {
        "grant_noun": r"\b(?:bewilligung|einräumung|gewährung|erteilung|vergabe) (?:einer|der|dieser|von) "
        r"(?:\w+ )?lizenz\w* (?:an|für)\b|\b(?:im rahmen (?:dieser|der) lizenz|lizenz)\b[^.;]{0,40}\b(?:gewährten|eingeräumten) "
        r"rechte\b|\bverzicht\w*\b[^.;]{0,120}\b(?:moralisch|urheberpersönlichkeits)\w* recht\w*",
        "exploit_right": r"\brecht\w*,? (?:\w+ ){0,8}?zu (?:vervielfältigen|nutzen|verwerten|bearbeiten|"
        r"veröffentlichen|verbreiten)\b",
        "user_grants": r"\b(?:ist|sind) es (?!ihnen|dir)\w+ (?:\w+ ){0,12}?gestattet\b|\bgestattung\b",
        "licence": r"\bgestattung\b|\bgestattet,? (?:\w+ ){0,10}?zu (?:nutzen|verwenden|verwerten)\b",
        "content": r"\bugc\b",
        "share": r"\bweiterzugeb\w*|\bzur verfügung (?:zu )?stell\w*",
        "recipient": r"\bkreditgeber\w*|\bwirtschaftsprüfer\w*|\brechtsanw[äa]lt\w*|\bberater\w*|\bversicherer\w*|"
        r"\bversicherungs?gesellschaft\w*|\bschadensabwickler\w*|\bnachfolger\w*",
        "inbound_except": r"\b(?:sie|du) uns (?:\w+ ){0,2}?(?:die |hiermit )?(?:erlaubnis|berechtigung|zustimmung|"
        r"einwilligung|das recht)\b",
        # The imperative is a rule for the user: "Teilen Sie niemals Ihre Kontodaten mit Dritten".
        "user_side": r"\b(?:teilen|geben|übermitteln|verraten|nennen) sie (?:\w+ ){0,2}?(?:niemals|nie|keine?)\b",
        "user_acts": r"\bbietet (?:ihnen|dir)\b[^.;]{0,20}\bmöglichkeit",
    },
    "it": {
        "grant_noun": r"\b(?:concessione|cessione) (?:della |di |delle |di una )?(?:\w+ )?licenz\w* (?:a|ad)\b|"
        r"\bdiritti concessi (?:\w+ ){0,3}?licenz\w*|\brinunci\w*\b[^.;]{0,120}\bdiritti morali\b",
        "exploit_right": r"\bdiritt[oi] di (?:\w+ ){0,3}?(?:riprodurre|utilizzare|sfruttare|modificare|adattare|"
        r"pubblicare|distribuire)\b",
        "user_grants": r"\b(?:concederai|concederà|concederete|concederanno)\b",
        "licence": r"\bpermess[oi] (?:di|d'|per) (?:\w+ ){0,2}?(?:utilizz|usa|riprodu|pubblic|memorizz|modific|"
        r"distribu)\w*",
        "recipient": r"\bconsulent\w*|\brevisori\b|\bavvocati\b|\bfinanziatori\b|\bassicurat\w*|\bsuccessor\w*|"
        r"\baltra società\b",
    },
    "es": {
        "grant_noun": r"\b(?:concesi[oó]n|otorgamiento) (?:de |de la |de una )?(?:\w+ )?licencia\w* a\b|"
        r"\bderechos (?:otorgados|concedidos) (?:\w+ ){0,3}?licencia\b|\brenuncia\w*\b[^.;]{0,120}\bderechos morales\b",
        "exploit_right": r"\bderecho (?:de|a) (?:reproducir|utilizar|explotar|modificar|adaptar|publicar|distribuir)\b",
        "recipient": r"\badquirente\w*|\basesores\b|\bauditores\b|\babogados\b|\bprestamistas\b|\baseguradoras?\b|"
        r"\bsucesor\w*|\botra (?:empresa|sociedad)\b",
    },
    "pl": {
        "grant_noun": r"\budzieleni\w* (?:\w+ )?licencj\w* na rzecz\b|\bprawa (?:przyznawane|przyznane|udzielone) (?:\w+ ){0,3}?"
        r"licencj\w*|\bzrze\w*\b[^.;]{0,120}\b(?:osobistych praw|praw osobistych|autorskich praw osobistych)\b",
        "exploit_right": r"\bprawo do (?:\w+ ){0,2}?(?:korzystania|wykorzystywania|używania|zwielokrotniania|"
        r"powielania|rozpowszechniania|publikowania)\b",
        "licence": r"\bzgod\w* na (?:wykorzystanie|użycie|publikację|rozpowszechnienie)\b",
        "user_grants": r"\budzielasz nam\b",
        "provider_grants": r"\b\w+ udzielają (?:\w+ )?(?:użytkownikowi|użytkownikom|ci|tobie)\b",
        "user_content": r"\b(?:zamieszczon|opublikowan|przesłan|udostępnion)\w* przez (?:użytkownika|ciebie)\b",
        "recipient": r"\bnabywc\w*|\bdoradc\w*|\baudytor\w*|\bprawnik\w*|\bkredytodawc\w*|\bubezpieczyciel\w*|"
        r"\bnastęp\w* prawn\w*|\binn\w* (?:spółk|firm)\w*",
        "inbound_except": r"\b(?:umożliwia|umożliwiasz|pozwala|pozwalasz) nam (?:przekaz|udostępni)\w*",
    },
}

# Fourth round: the kinds of wording the held-out companies' misses showed (looked at once, so those
# sets are no longer unseen), mirrored in all five languages. Merged like EXTRA.
# - grant_noun: a licence the provider needs or obtains from the user ("nous avons besoin que vous nous
#   octroyiez certains droits", "müssen wir von Ihnen ... Lizenzrechte einholen", "è necessario ottenere
#   dall'utente diritti di licenza", "musimy uzyskać od Ciebie uprawnienia licencyjne"); the rights a
#   licence "includes" ("Sont notamment compris le droit d'utilisation").
# - licence: a right named by what it allows, with its breadth in between ("le droit non exclusif,
#   mondial et gratuit d'utiliser", "il diritto ..., di usare", "prawa do przesyłania", "il diritto alla
#   monetizzazione"); permission nouns ("autorisation", "pełnomocnictwo", "Recht zur Nutzung").
# - user_grants: participles of a grant to a named party ("die Evernote gewährten Lizenzen", "le
#   licenze concesse a Evernote", "licencje przyznane Evernote", "la licence accordée"), verb-first
#   third persons ("räumt jeder Nutzer mySugr ... ein"), plural subjects, "trasferisce".
# - exploit_right: the provider authorised to use the users' content ("Parship est autorisé à stocker,
#   reproduire ... les contenus utilisateur").
# - ownership: the provider acquiring no rights ("non avere alcun diritto", "nie uzyskuje żadnych praw",
#   "keinerlei Rechte ... erwerben"), "di proprietà dell'utente", "Zachowujesz prawa".
# - licence_except: the licence named only as the exception to ownership ("Mit Ausnahme dieser Lizenz
#   ... erwirbt Evernote keine Rechte"): ownership is the point.
# - revoke: the user can withdraw the licence ("können diese Lizenz jederzeit zurückziehen").
# - not_assured: ownership as a statement the user makes ("oświadczasz, że jesteś właścicielem praw"):
#   a notice of infringement, not an assurance about the user's content.
# - recipient / share / pdata: external companies ("podmiot zewnętrzny", "empresas externas"), "terza
#   parte", group companies, "mitteilen", "coordonnée".
EXTRA4: dict[str, dict[str, str]] = {
    "fr": {
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
        r"(?! (?:par nous|à l'utilisateur|aux utilisateurs|à vous|ci-dessous|ci-dessus|ci-après))|\bvous devez (?:nous )?(?:accorder|concéder|octroyer)\b",
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
        "share": r"\bconsultée?s? par\b",
    },
    "de": {
        "grant_noun": r"\b(?:sie|du) (?:müssen|musst) (?:\w+ ){0,10}?(?:lizenz\w*|nutzungsrecht\w*|rechte) (?:\w+ ){0,2}?"
        r"(?:erteilen|einräumen|gewähren|übertragen)\b|\bvon (?:ihnen|dir) (?:\w+ ){0,6}?(?:lizenz\w*|nutzungsrecht\w*|"
        r"rechte)\b[^.;]{0,80}\b(?:einholen|erhalten|benötigen)\b|\b(?:benötigen|brauchen) wir (?:von (?:ihnen|dir) )?"
        r"(?:\w+ ){0,3}?(?:lizenz|nutzungsrecht)\w*|\bumfasst (?:\w+ )?das recht,? (?:\w+ ){0,6}?zu\b|\b(?:diese|die vorstehende) (?:lizenz|erlaubnis|rechteeinräumung|nutzungsrechtseinräumung) gilt (?:\w+ )?weltweit\b",
        "licence": r"\brecht (?:zur|auf) (?:nutzung|verwertung|vervielfältigung|veröffentlichung|verbreitung|monetarisierung)\b|"
        r"\b(?:erlaubnis|berechtigung),? (?:\w+,? ){0,8}?zu (?:nutzen|verwenden|vervielfältigen|veröffentlichen|verbreiten|"
        r"bearbeiten|kopieren)\b",
        # "räumt jeder Nutzer mySugr ... ein" (nominative; "räumt dem Nutzer" is a grant to the user).
        "user_grants": r"\b(?:räumt|gewährt|erteilt|überträgt) (?:jeder|jede|der|die) (?:nutzer|benutzer|kunde|mitglied|"
        r"teilnehmer|verkäufer|händler)\w*\b|"
        r"\b(?:gewährten|eingeräumten|erteilten) (?:lizenz|nutzungsrecht|rechte)\w*",
        "provider_grants": r"\b(?:ihnen|dir) (?:\w+ )?(?:gewährte|eingeräumte|erteilte)\w*|\b(?:hierin|hiermit|hierunter) "
        r"(?:gewährten|eingeräumten|erteilten)\b|\b(?:räumt|gewährt|erteilt|räumen|"
        r"gewähren|erteilen) (?:\w+ )?(?:dem|den) (?:nutzer|benutzer|kunde|kunden|mitglied|teilnehmer)\w*",
        "exploit_right": r"\b(?:ist|sind) (?!sie\b|du\b)(?:\w+ ){0,3}?(?<!nicht )berechtigt,? (?:\w+ ){0,8}?zu (?:speichern|vervielfältigen|nutzen|"
        r"verwerten|bearbeiten|veröffentlichen|verbreiten)\b",
        "content": r"\bmarke\w*|\blogos?\b|\beinreichung\w*",
        "ownership": r"\bkein\w* (?:\w+ ){0,2}?(?:rechte|ansprüche)\b[^.;]{0,80}\b(?:erwerben|erwirbt|beanspruch\w*|erheben|"
        r"erhebt|hat|haben)\b",
        "licence_except": r"\b(?:mit ausnahme|abgesehen von|außer) (?:dieser|der|jener) (?:\w+ )?lizenz\w*",
        "revoke": r"\b(?:können|kannst) (?:sie |du )?(?:\w+ ){0,3}?(?:lizenz|nutzungsrecht)\w* (?:\w+ ){0,2}?(?:zurückziehen|"
        r"widerrufen|beenden|kündigen)\b",
        "not_assured": r"\b(?:sie|du) (?:versichern|versicherst|garantieren|garantierst|erklären|erklärst|bestätigen|"
        r"bestätigst),? (?:\w+ ){0,2}?(?:dass )?(?:sie|du) (?:\w+ ){0,2}?(?:inhaber|eigentümer|berechtigt)\w*|"
        r"\b(?:wenn|falls|sofern) (?:sie|du) (?:\w+ ){0,2}?(?:inhaber|eigentümer)\w*",
        "share": r"\bmitteil\w*|\bmitzuteilen\b|\bstellen\b[^.;]{0,120}\bbereit\b|\boffenzulegen\b",
        # A duty of the user: "ist der Nutzer verpflichtet, ... Informationen ... mitzuteilen".
        "user_side": r"\b(?:ist|sind) (?:der|die) (?:nutzer|benutzer|kunde|kunden|mitglied)\w* (?:\w+ )?verpflichtet\b|\b(?:eines anderen|anderer) (?:nutzer|benutzer|mitglied|kunde)\w*",
        "recipient": r"\bmuttergesellschaft\w*|\bschwestergesellschaft\w*|\bgesellschaften\b|\bexterne\w* (?:anbieter|"
        r"dienstleister|unternehmen|stellen|firmen)\b|\brechtspersönlichkeit\w*|\bstrafverfolgungs\w*",
    },
    "it": {
        "grant_noun": r"\b(?:richiediamo|chiediamo|necessario|dobbiamo|devi|deve)\b[^.;]{0,40}\b(?:conced\w*|conferi\w*|"
        r"ottenere)\b[^.;]{0,60}\b(?:diritti|licenz\w*)|\bottenere (?:\w+ ){0,3}?(?:dall'utente|da te|da voi)\b[^.;]{0,60}"
        r"\b(?:diritti|licenz\w*)|\b(?:è|sono) (?:\w+ )?(?:compres|inclus)[oi] (?:\w+ )?(?:il|i) diritt[oi] d|\b(?:tale|questa|la presente|detta) (?:licenza|autorizzazione) è (?:\w+ )?valida (?:\w+ )?in tutto il mondo\b",
        "licence": r"\bdiritt[oi]\b[^.;]{0,200}?\b(?:di|d') ?(?:usare|utilizzare|riprodurre|pubblicare|copiare|modificare|"
        r"distribuire|trasmettere|ospitare|memorizzare|conservare|custodire|mostrare|visualizzare|sfruttare|adattare|"
        r"tradurre|archiviare|monetizzare)\b|\bdiritt[oi] (?:alla|di) monetizza\w*",
        "user_grants": r"\b(?:l'utente|tu|voi) (?:\w+ ){0,3}?(?:trasferisce|trasferisci|trasferite)\b|\blicenz\w* "
        r"(?:\w+ )?(?:concess\w*|conferit\w*|accordat\w*) (?:a|ad) (?!te\b|voi\b|utent\w*)\w+|\blicenz\w* che (?:ci )?"
        r"(?:concedi|concede|conferisci|conferisce)\b",
        "provider_grants": r"\b(?:viene|vengono|è|sono) (?:\w+ )?(?:concess|conferit|accordat)\w* (?:all'utente|agli utenti|a te)\b",
        "exploit_right": r"\b(?:è|sono) (?:\w+ )?autorizzat\w* a (?:memorizzare|riprodurre|utilizzare|usare|modificare|"
        r"pubblicare|distribuire|adattare)\b",
        "content": r"\bmarchi\w*|\blogh?i\b|\blogo\b|\binvi[oi]\b",
        "ownership": r"\bdi proprietà dell'utente\b|\bnon rivendic\w+ (?:la |alcuna )?(?:titolarità|proprietà)|"
        r"\bnon (?:avere|ha|abbiamo|avrà|acquisisce|acquisiamo) alcun diritto\b",
        "licence_except": r"\b(?:oltre a|ad eccezione di|salvo|a parte) (?:tale|questa|la|detta) (?:\w+ )?licenza\b",
        "ends": r"\bfino al momento in cui\b[^.;]{0,60}\b(?:rimoss|eliminat|cancellat)\w*",
        "revoke": r"\b(?:puoi|potete|l'utente può) (?:\w+ ){0,3}?(?:revocare|ritirare|terminare) (?:tale|questa|la) "
        r"(?:\w+ )?licenza\b",
        "not_assured": r"\bdichiar\w* (?:\w+ )?(?:di essere|che (?:è|sei)) (?:il |l')?(?:titolare|proprietari)\w*|"
        r"\bgarantisc\w* di essere\b|\bse (?:l'utente|tu) (?:è|sei|non è|non sei) (?:il )?(?:titolare|proprietari)\w*",
        "recipient": r"\bterza parte\b|\bforze dell'ordine\b|\benti pubblici\b|\bsocietà esterne\b",
        "user_side": r"\b(?:di|a) un altro utente\b",
        "share": r"\bconsultat[aie] da\b",
    },
    "es": {
        "grant_noun": r"\bnecesitamos que (?:usted |tú )?(?:nos )?(?:otorgue|otorgues|conceda|concedas)\b|\bobtener de "
        r"(?:usted|ti|el usuario)\b[^.;]{0,80}\b(?:derechos|licencias?)\b|\b(?:esta|dicha|la presente) (?:licencia|autorización) es (?:\w+ )?válida (?:\w+ )?en todo el mundo\b",
        "licence": r"\bderechos? (?:[\w-]+,? (?:y )?){1,6}?(?:a|de|para) (?:utilizar|usar|reproducir|explotar|modificar|"
        r"adaptar|publicar|distribuir|almacenar|alojar|monetizar)\b",
        "user_grants": r"\blicencias? (?:\w+ )?(?:otorgad|concedid)\w* a (?!usted\b|ti\b|los usuarios\b)\w+|\b(?:usted|tú) "
        r"debe\w* (?:\w+ )?(?:otorgar|conceder)\w*",
        "provider_grants": r"\bse (?:le |les |te )?(?:otorga|concede)n? (?:\w+ )?(?:al usuario|a los usuarios|a usted)\b",
        "exploit_right": r"\b(?:está|están) (?:\w+ )?autorizad\w* (?:a|para) (?:almacenar|reproducir|utilizar|usar|"
        r"modificar|publicar|distribuir)\b",
        "content": r"\blogotipos?\b|\blogos?\b|\bmarcas?\b",
        "ownership": r"\bno (?:adquiere|adquirimos|obtiene|obtenemos) (?:\w+ )?ningún derecho\b",
        "licence_except": r"\b(?:salvo|excepto|aparte de) (?:esta|la|dicha) (?:\w+ )?licencia\b",
        "revoke": r"\b(?:puede|puedes) (?:\w+ ){0,3}?(?:revocar|retirar|terminar) (?:esta|la|dicha) (?:\w+ )?licencia\b",
        "not_assured": r"\b(?:declara|declaras|garantiza|garantizas) (?:\w+ )?(?:ser|que es|que eres) (?:el )?(?:titular|"
        r"propietario)\b",
        "recipient": r"\bempresas? (?:\w+ ){0,2}?externas?\b|\bterceros proveedores\b|\bfuerzas (?:y cuerpos )?de seguridad\b",
        "user_side": r"\bde otro (?:usuario|miembro|cliente)\b",
        "share": r"\bconsultad[oa]s? por\b",
    },
    "pl": {
        "grant_noun": r"\bmusisz (?:\w+ ){0,3}?(?:przyznać|udzielić)\b[^.;]{0,60}\blicencj\w*|\b(?:uzyskać|otrzymać) od "
        r"(?:ciebie|użytkownika|państwa|was)\b[^.;]{0,80}\b(?:licencj\w*|uprawnie\w*|praw\w*)|\b(?:ta|niniejsza|powyższa) (?:licencja|zgoda) (?:obowiązuje|jest ważna) (?:\w+ )?na całym świecie\b",
        "licence": r"\bpraw[oa]? do (?:\w+ ){0,2}?(?:przesyłania|przechowywania|monitorowania|wyszukiwania|zarabiania|"
        r"monetyzacji|kopiowania|wyświetlania|modyfikowania|tłumaczenia|zwielokrotniania|hostowania)\b|"
        r"\b(?:pełnomocnictw|uprawnieni|upoważnieni)\w* do (?:wykorzystywania|korzystania|używania|publikowania|"
        r"przetwarzania|kopiowania)\b",
        "user_grants": r"\blicencj\w* (?:\w+ )?(?:przyznan|udzielon)\w* (?!(?:ci|tobie|użytkownik\w*|państwu)\b)\w+",
        "provider_grants": r"\b(?:zostaje|jest) (?:\w+ )?(?:udzielon|przyznan)\w* (?:użytkownikowi|tobie|ci)\b",
        "exploit_right": r"\bjest (?:\w+ )?(?:uprawnion|upoważnion)\w* do (?:przechowywania|zwielokrotniania|wykorzystywania|"
        r"korzystania|modyfikowania|publikowania|rozpowszechniania)\b",
        "content": r"\bznak\w* towarow\w*|\blogo\w*",
        "ownership": r"\bzachowujesz\b (?:\w+ ){0,3}?praw\w*|\bnie rości\w* (?:sobie )?(?:również |także )?(?:żadnych )?"
        r"praw|\bnie (?:uzyskuje|uzyskujemy|nabywa|nabywamy)\w* (?:\w+ )?żadnych praw",
        "licence_except": r"\bpoza (?:niniejszą|tą|powyższą) (?:\w+ )?licencją\b|\bz wyjątkiem (?:niniejszej|tej|powyższej) "
        r"(?:\w+ )?licencji\b",
        "revoke": r"\b(?:możesz|może) (?:\w+ ){0,3}?(?:wycofać|odwołać|cofnąć|wypowiedzieć) (?:tę|niniejszą|tą|swoją) "
        r"(?:\w+ )?licencję\b",
        "not_assured": r"\boświadcza\w*,? że (?:\w+ )?(?:jesteś|jest|posiadasz|posiada)\b",
        "recipient": r"\bpodmiot\w* zewnętrzn\w*|\bfirm\w* zewnętrzn\w*|\binn\w* podmiot\w*|\busługodawc\w*|"
        r"\bpodwykonawc\w*",
        "user_side": r"\binnego (?:użytkownika|członka|klienta)\b",
    },
}
