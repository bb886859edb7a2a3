"""Word classes of the three tosdiff flags in French, German, Italian, Spanish and Polish.

Regular-expression alternations per language (matched on lowercased text with straight
apostrophes), the breadth terms of a licence, and cheap substring gates; ``i18n_rules.py`` combines
them the same way in every language.
"""

from __future__ import annotations

FLAG_LANGUAGES = ("fr", "de", "it", "es", "pl")
NEAR = 60  # characters between two word classes that belong to one phrase ("entraîner ... nos modèles")

# Word classes per language, as regular-expression alternations (matched on lowercased text).
LEXICON: dict[str, dict[str, str]] = {
    "fr": {
        "user_acts": r"\bvous (?:\w+ ){0,4}?(?:pouvez|avez le droit|êtes libre)\b[^.;]{0,80}(?:partag|transm|communiq|divulg)|\binvitons à ne pas\b",
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
        "neg": r"\bn(?:e\b|')|\bjamais\b|\baucun\w*|\bnullement\b|\bsans\b",
        "consent": r"\bsans (?:votre|son|leur) (?:\w+ )?(?:consentement|accord|autorisation)|"
        r"\bavec (?:votre|son) (?:\w+ )?(?:consentement|accord|autorisation)|\bsi vous (?:y )?consentez\b|"
        r"\bdonnez l'autorisation\b|\ben donnez l'autorisation\b|\bopt-?in\b",
        "opt_out": r"\bvous pouvez (?:\w+ ){0,3}?(?:vous opposer|désactiver|refuser|retirer|contrôler|"
        r"définir vos préférences|modifier vos préférences|désinscrire)|\bsi vous ne souhaitez pas\b|"
        r"\bopt-?out\b|\bdroit (?:de vous opposer|d'opposition)\b",
        "default_on": r"\bsauf (?:opposition|si vous vous y opposez|refus)\b|\bà moins que vous\b",
        "user_side": r"\bil (?:vous )?est (?:strictement )?interdit\b|\bvous (?:ne )?(?:pouvez|devez) "
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
        "share": r"partag\w*|communiq\w*|transm\w*|divulg\w*|\bvend\w*|\bvente\b|\bcé(?:d|der)\w*|\bcèd\w*|"
        r"\bcession\b|\blou(?:er|ons|e)\b|mis(?:es)? à (?:la )?disposition|mettre à (?:la )?disposition|"
        r"\bfourni(?:r|ssons|rons|ssent|ra) (?:\w+ ){0,4}?(?:à|aux)\b|\béchang\w*|\brevend\w*",
        "sale": r"\bvend\w*|\bvente\b|\brevend\w*|\blou(?:er|ons|e)\b|annonceurs?|publicit\w*|courtiers?",
        "pdata": r"\bdonnées\b|\binformations\b|\bcoordonnées\b|\bidentifiants\b|adresses? e-?mail|"
        r"numéros? de téléphone|\bprofil\b",
        "recipient": r"\btiers\b|\bpartenaires?\b|\bannonceurs?\b|sociétés? (?:du groupe|affiliées?|liées)|"
        r"entreprises? (?:du groupe|de notre groupe)|\bfiliales?\b|\baffiliée?s\b|\bprestataires?\b|"
        r"\bsous-traitants?\b|\bfournisseurs?\b|\bautorités\b|\bacquéreurs?\b|\bcourtiers?\b|\bagents? de voyages?\b",
    },
    "de": {
        "user_acts": r"\b(?:sie|du) (?:können|kannst|haben das recht|hast das recht)\b[^.;]{0,80}(?:teilen|weitergeben|übermitteln|übertragen)",
        "forbid": r"\buntersagt\b|\bverboten\b|\bkonkurr\w*|\bwettbewerb\w*",
        "ai": r"\bki\b|\bki-|-ki\b|künstlich\w* intelligenz|maschinell\w* lern\w*|machine learning|"
        r"(?<!daten)modell\w*|algorithm\w*|\bllms?\b|neuronal\w* netz\w*",
        "train": r"trainier\w*|training\w*|\w+training\b|anlern\w*|\blern\w*",
        "improve": r"verbesser\w*|weiterentwick\w*|entwickel\w*|entwickl\w*|optimier\w*",
        "our_ai": r"\bunser\w* (?:\w+ ){0,2}?(?:ki\b|ki-|künstlich\w* intelligenz|\w*modell\w*|algorithm\w*)",
        "use": r"verwend\w*|nutz\w*|benutz\w*|einsetz\w*|verarbeit\w*",
        "data": r"daten\b|inhalt\w*|information\w*|eingaben|\bprompts?\b|unterhaltung\w*|\bfotos?\b|"
        r"\bvideos?\b|dateien|beitr[äa]g\w*|chats?\b",
        "neg": r"\bnicht\b|\bniemals\b|\bnie\b|\bkein\w*|\bohne\b",
        "consent": r"\bohne (?:ihre|deine|vorherige|ausdrückliche)\w* (?:\w+ )?(?:einwilligung|zustimmung|"
        r"erlaubnis|genehmigung)|\bnur mit (?:ihrer|deiner) (?:\w+ )?(?:einwilligung|zustimmung)|"
        r"\b(?:sofern|wenn|falls) (?:sie|du) (?:\w+ ){0,3}?(?:einwillig|zustimm|eingewilligt|zugestimmt)\w*|\bopt-?in\b",
        "opt_out": r"\b(?:sie|du) (?:können|kannst) (?:\w+ ){0,6}?(?:widersprechen|deaktivieren|abwählen|"
        r"ablehnen|widerrufen|abmelden|ausschalten|einstellen)|\bwiderspruch\w*|\bopt-?out\b",
        "default_on": r"\b(?:sofern|es sei denn,?|solange) (?:sie|du) (?:\w+ ){0,3}?(?:nicht )?"
        r"widersprech\w*|\bwidersprochen haben\b",
        "user_side": r"\b(?:sie|du) (?:dürfen|darfst) (?:\w+ ){0,8}?nicht\b|\b(?:ist|sind) (?:es )?(?:ihnen |dir )?"
        r"(?:\w+ )?(?:untersagt|verboten|nicht gestattet|nicht erlaubt)\b|\bverpflichte\w* (?:sich|dich),? "
        r"(?:\w+ ){0,8}?nicht\b|\bkonkurr\w*|\bwettbewerb\w*",
        "provider": r"\bwir\b|\buns\b|\bunser\w*",
        "licence": r"lizenz\w*|nutzungsrecht\w*|verwertungsrecht\w*|\brechte?\b",
        "user_grants": r"\b(?:sie|du|nutzer\w*|kunde\w*|mitglied\w*) (?:\w+ ){0,3}?(?:räumen|räumst|räumt|"
        r"gewähren|gewährst|gewährt|erteilen|erteilst|erteilt|übertragen|überträgst|überträgt)\b|"
        r"\b(?:räumen|gewähren|erteilen|übertragen) (?:sie|du)\b|\b(?:durch|mit) (?:dem |das )?(?:hochladen|"
        r"veröffentlichen|posten|einstellen|übermitteln|bereitstellen|teilen)\b|\bindem (?:sie|du)\b[^.;]{0,80}"
        r"(?:hochlad|veröffentlich|einstell|post|übermitt|bereitstell|teil)\w*|\beinräum\w*|\beingeräumt\w*|"
        r"\b(?:diese|die|vorstehende) (?:\w+ )?(?:lizenz|nutzungsrecht\w*) (?:umfasst|erlaubt|berechtigt|ermöglicht)",
        "provider_grants": r"\b(?:wir|\w+) (?:räumen|räumt|gewähren|gewährt|erteilen|erteilt) (?:ihnen|dir)\b|"
        r"\b(?:gewähren|räumen|erteilen) wir (?:ihnen|dir)\b|\b(?:ihnen|dir) (?:wird|werden) (?:\w+ ){0,6}?"
        r"(?:eingeräumt|gewährt|erteilt)|\bwird ihnen\b",
        "content": r"inhalt|\bdaten\b|foto|\bbild\w*|video|beitr[äa]g|\bwerke?\b|material|information|"
        r"\buploads?\b|kommentar\w*|bewertung\w*",
        "ownership": r"\b(?:sie|du) (?:bleiben|bleibst|sind und bleiben|bist und bleibst) (?:\w+ ){0,3}?"
        r"(?:eigentümer|inhaber|rechteinhaber)\w*|\b(?:sie|du) (?:behalten|behältst) (?:\w+ ){0,4}?"
        r"(?:rechte|eigentum|urheberrecht)\w*|\b(?:bleiben|bleibt|verbleiben|verbleibt) (?:\w+ ){0,3}?"
        r"(?:ihr|dein|bei ihnen|bei dir)\w*\b|\b(?:beanspruchen|erwerben|erheben) (?:\w+ ){0,2}?keine\w* "
        r"(?:\w+ )?(?:eigentums)?(?:rechte|ansprüche)",
        "ends": r"\bend(?:et|en)\b|\berlisch\w*|\berlösch\w*|\bläuft\b[^.;]{0,30}\bab\b",
        "delete": r"lösch\w*|entfern\w*",
        "share": r"weitergeb\w*|weitergegeben|weitergabe|\bgeben\b[^.;]{0,80}\bweiter\b|\bteil(?:en|t)\b|"
        r"geteilt|offen(?:legen|gelegt|legung)|\blegen\b[^.;]{0,60}\boffen\b|übermitt\w*|verkauf\w*|"
        r"vermiet\w*|zugänglich (?:machen|gemacht)|bereitstell\w*|bereitgestellt|weiterleit\w*|"
        r"preisgeb\w*|\bübertrag\w*|\bweitergereicht\w*|\bvermarkt\w*",
        "sale": r"verkauf\w*|vermiet\w*|werbetreibend\w*|werbepartner\w*|werbekunde\w*|werbung|datenhändler\w*",
        "pdata": r"daten\b|informationen\b|e-mail-adresse\w*|telefonnummer\w*|\bprofil\w*",
        "recipient": r"\bdritt\w*|drittanbieter\w*|partner\w*|werbetreibend\w*|werbekunde\w*|verbundene\w* "
        r"unternehmen|konzern\w*|tochtergesellschaft\w*|gruppenunternehmen|unternehmensgruppe|"
        r"dienstleister\w*|auftragsverarbeiter\w*|behörde\w*|andere\w* unternehmen|\bkäufer\w*|\berwerber\w*",
    },
    "it": {
        "user_acts": r"\b(?:puoi|potete|l'utente può|hai il diritto|ha il diritto)\b[^.;]{0,80}(?:condivid|trasmett|comunic)",
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
        "neg": r"\bnon\b|\bmai\b|\bnessun\w*|\bsenza\b",
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
        r"\b(?:ti|si|vi) impegn\w+ a non\b|\bnon (?:puoi|potete|devi|dovete)\b|\bconcorren\w*",
        "provider": r"\bnoi\b|\bnostr\w*|\b\w+iamo\b|\bci\b",
        "licence": r"\blicenz\w*|\bsub-?licenz\w*|\bsublicenz\w*|\bdiritt[oi] (?:di|d'|all'|a) (?:uso|utilizz\w*|"
        r"sfruttamento)",
        "user_grants": r"\b(?:l'utente|tu|voi|lei|il cliente|l'iscritto) (?:\w+ ){0,3}?(?:concede|concedi|"
        r"concedete|conferisce|conferisci|cede|cedi|accorda|accordi|autorizza|autorizzi)\b|\b(?:concedi|"
        r"concede|conferisci|cedi) (?:a noi|a \w+|al|alla|ai)\b|\bpubblicando\b|\bcaricando\b|\binviando\b|"
        r"\bcondividendo\b|\bfornendo\b|\bmettendo a disposizione\b|\b(?:tale|la presente|questa|detta) "
        r"licenza (?:comprende|include|consente|ci consente|permette)|\babbiamo bisogno di una licenza\b",
        "provider_grants": r"\b\w+ (?:ti|le|vi) (?:concede|concediamo|conferisce|conferiamo|accorda|"
        r"accordiamo)\b|\b(?:all'utente|agli utenti) (?:viene|vengono|è) (?:\w+ )?(?:concess|conferit|"
        r"accordat)\w*|\bconcess[oi] in licenza\b",
        "content": r"contenut\w*|\bdati\b|\bfoto\w*|\bimmagin\w*|\bvideo\b|\bopere?\b|material\w*|"
        r"informazion\w*|\bpost\b|\bcommenti\b|\brecension\w*",
        "ownership": r"\b(?:l'utente|tu|voi|lei) (?:\w+ )?(?:rimani|rimane|resti|resta|mantieni|mantiene|"
        r"conservi|conserva|detieni|detiene) (?:\w+ ){0,3}?(?:proprietari\w*|titolar\w*|diritti|proprietà)|"
        r"\b(?:rimane|rimangono|resta|restano) (?:di )?(?:tua|sua|vostra|tuoi|suoi) (?:\w+ )?(?:proprietà)?|"
        r"\bnon rivendic\w+ (?:alcun\w*|la) (?:diritt\w*|proprietà)|\bnon acquisi\w+ (?:alcun\w*|la) proprietà",
        "ends": r"\btermin\w*|\bcess\w*|\bscad\w*|\bestingu\w*",
        "delete": r"elimin\w*|cancell\w*|rimo(?:zion|ss|v)\w*",
        "share": r"condivi\w*|comunic\w*|trasmett\w*|trasmess\w*|divulg\w*|\bvend\w*|\bced\w*|\bcession\w*|"
        r"\bnoleggi\w*|mett\w* a disposizione|mess[oi] a disposizione|\bforni(?:re|amo|ranno|sce|scono|ti|te) "
        r"(?:\w+ ){0,4}?(?:a|ai|alle|agli)\b|\bscambi\w*|\btrasferi\w*",
        "sale": r"\bvend\w*|\bnoleggi\w*|inserzionist\w*|pubblicit\w*|broker",
        "pdata": r"\bdati\b|\binformazioni\b|\brecapiti\b|indirizz\w* e-?mail|numer\w* di telefono|\bprofilo\b",
        "recipient": r"\bterz[ie]\b|\bpartner\b|inserzionist\w*|società (?:del gruppo|affiliat\w*|collegat\w*|"
        r"controllat\w*)|\baffiliat\w*|\bcontrollat\w*|\bfornitor\w*|\bresponsabili del trattamento\b|"
        r"\bautorità\b|\bacquirent\w*|\bbroker\b|\baltre (?:società|aziende)\b",
    },
    "es": {
        "user_acts": r"\b(?:puede|puedes|tiene derecho|tienes derecho)\b[^.;]{0,80}(?:compart|transmit|comunic)",
        "forbid": r"\bprohibid\w*|\bcompeten\w*|\bcompetidor\w*",
        "ai": r"\bia\b|\bi\.a\.|inteligencia artificial|aprendizaje automático|machine learning|"
        r"\bmodelos?\b(?! de datos)|algoritmos?|\bllms?\b|redes neuronales",
        "train": r"entren\w*|\btraining\b",
        "improve": r"mejor(?:ar|amos|ando|ado|ados|ada|adas|a|e|en|as)\b|desarroll\w*|perfeccion\w*|optimiz\w*",
        "our_ai": r"\bnuestr[oa]s? (?:\w+ ){0,2}?(?:ia\b|inteligencia artificial|modelos?|algoritmos?)",
        "use": r"utiliz\w*|\bus(?:ar|amos|ado|ados|ada|adas|a|an)\b|emple\w*|trat\w*",
        "data": r"\bdatos\b|contenid\w*|informaci[oó]n\w*|\binputs?\b|\bprompts?\b|conversaciones|\bfotos?\b|"
        r"\bv[íi]deos?\b|archivos|materiales",
        "neg": r"\bno\b|\bnunca\b|\bjamás\b|\bningun\w*|\bsin\b",
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
        r"comprende|nos permite|permite)|\bnecesitamos una licencia\b",
        "provider_grants": r"\b\w+ (?:le|te|os) (?:otorga|otorgamos|concede|concedemos|confiere|conferimos)\b|"
        r"\b(?:al usuario|a los usuarios) se (?:le |les )?(?:otorga|concede)\w*|\b(?:se )?(?:le|te) (?:otorga|"
        r"concede) una licencia\b",
        "content": r"contenid\w*|\bdatos\b|\bfotos?\b|\bfotograf\w*|\bim[aá]gen\w*|\bv[íi]deos?\b|\bobras?\b|"
        r"material\w*|informaci[oó]n\w*|\bpublicaciones\b|\bcomentarios\b|\brese[ñn]as\b",
        "ownership": r"\b(?:usted|tú|el usuario) (?:\w+ )?(?:conserva|conservas|mantiene|mantienes|retiene|"
        r"retienes|sigue siendo|sigues siendo|es y seguirá siendo) (?:\w+ ){0,3}?(?:propiedad|propietario\w*|"
        r"titular\w*|derechos)|\b(?:sigue|siguen|seguirá|seguirán) siendo (?:de )?(?:su|tu|sus|tus) "
        r"(?:\w+ )?(?:propiedad)?|\bno reclam\w+ (?:ningún|la) (?:derecho|propiedad)|\bno adquiri\w+ (?:ningún|la) "
        r"(?:derecho de )?propiedad",
        "ends": r"\btermin\w*|\bfinaliz\w*|\bexpir\w*|\bextingu\w*|\bcesa\w*",
        "delete": r"elimin\w*|borr\w*|retir\w*",
        "share": r"compart\w*|comunic\w*|\bced\w*|\bcesi[oó]n\w*|\bvend\w*|\bventa\b|divulg\w*|transmit\w*|"
        r"revel\w*|facilit(?:ar|amos|aremos|a) (?:\w+ ){0,4}?a\b|proporcion(?:ar|amos|aremos|a) (?:\w+ ){0,4}?a\b|\bpon(?:er|emos)? a disposici[oó]n|\balquil\w*|\btransfer\w*|"
        r"\bintercambi\w*|\bsuministr\w*",
        "sale": r"\bvend\w*|\bventa\b|\balquil\w*|anunciantes?|publicitari\w*|publicidad|brokers?|corredores de datos",
        "pdata": r"\bdatos\b|\binformaci[oó]n\b|\bcorreo electr[oó]nico\b|n[uú]mero de tel[eé]fono|\bperfil\b",
        "recipient": r"\bterceros?\b|\bterceras partes\b|\bsocios?\b|anunciantes?|empresas? (?:del grupo|"
        r"afiliadas?|vinculadas)|\bsociedades (?:del grupo|afiliadas|vinculadas)|\bfiliales?\b|\bafiliad\w*|"
        r"\bproveedores?\b|\bencargados del tratamiento\b|\bautoridades\b|\bcompradores?\b|\bbrokers?\b|"
        r"\botras empresas\b",
    },
    "pl": {
        "user_acts": r"\b(?:możesz|masz prawo|użytkownik może)\b[^.;]{0,80}(?:udostępni|przekaz|przesł)",
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
        "neg": r"\bnie\b|\bnigdy\b|\bżadn\w*|\bbez\b",
        "consent": r"\bbez (?:twojej|pana|pani|państwa|uprzedniej|wyraźnej|twej)\w* (?:\w+ )?zgody|"
        r"\bza (?:twoją|pana|pani|państwa|uprzednią|wyraźną) (?:\w+ )?zgodą|\bjeśli (?:wyrazisz|wyraził\w*) "
        r"zgodę|\bopt-?in\b",
        "opt_out": r"\b(?:możesz|mogą|może|można) (?:\w+ ){0,4}?(?:sprzeciw\w*|wyłącz\w*|odmówić|wycofa\w*|"
        r"zrezygnować|zmienić ustawienia)|\bsprzeciw\w*|\bopt-?out\b|\bjeśli nie (?:chcesz|chcą|chce)\b",
        "default_on": r"\bchyba że (?:\w+ ){0,2}?(?:sprzeciw\w*|wyłącz\w*)|\bo ile nie (?:\w+ ){0,2}?sprzeciw\w*",
        "user_side": r"\bzabrania się\b|\bnie wolno\b|\b(?:jest )?zakazane\b|\b(?:użytkownik|ty) nie (?:może|"
        r"możesz|powinien|powinieneś)\b|\bnie (?:możesz|może|mogą|należy|wolno)\b|\bzobowiązuj\w+ (?:się )?"
        r"(?:do )?nie\b|\bkonkurenc\w*",
        "provider": r"\bmy\b|\bnas\w*\b|\b\w+(?:my|imy|emy|amy)\b",
        "licence": r"\blicencj\w*|\bsublicencj\w*|\bprawo do (?:korzystania|wykorzystywania|używania)\b",
        "user_grants": r"\b(?:użytkownik|ty|klient|członek) (?:\w+ ){0,3}?(?:udziela|udzielasz|przyznaje|"
        r"przyznajesz|przenosi|przenosisz|upoważnia|upoważniasz)\b|\budziel(?:a|asz|ają|ić|enie)\w* "
        r"(?:\w+ ){0,3}?(?:nam|spółce|firmie|serwisowi|\w+owi)\b|\b(?:udziela|udzielasz|przyznajesz|"
        r"przyznaje) (?:nam|\w+)\b|\b(?:publikując|przesyłając|zamieszczając|udostępniając|dodając|"
        r"wgrywając|umieszczając)\b|\b(?:licencja|ta licencja|powyższa licencja) (?:obejmuje|pozwala|"
        r"umożliwia|uprawnia)|\bpotrzebujemy licencji\b",
        "provider_grants": r"\b\w+ (?:udziela|udzielamy|przyznaje|przyznajemy) (?:ci|tobie|użytkownikowi|"
        r"użytkownikom|panu|pani|państwu)\b|\b(?:użytkownikowi|użytkownikom) (?:\w+ )?(?:udziela się|"
        r"przysługuje)\b",
        "content": r"treś\w*|\bdan(?:e|ych)\b|\bzdję\w*|\bobraz\w*|\bwideo\b|\bfilm\w*|\butw[oó]r\w*|"
        r"materiał\w*|informacj\w*|\bpost\w*|\bkomentarz\w*|\bopini\w*",
        "ownership": r"\b(?:użytkownik|ty) (?:\w+ )?(?:zachowuje|zachowujesz|pozostaje|pozostajesz|jest i "
        r"pozostaje) (?:\w+ ){0,3}?(?:właściciel\w*|prawa|własność|uprawnion\w*)|\bpozostaj\w+ (?:\w+ )?"
        r"(?:twoją|twoje|twoja|własnością użytkownika|twoją własnością)|\bnie rości\w* (?:sobie )?(?:żadnych )?"
        r"praw|\bnie nabywa\w* (?:żadnych )?praw(?:a)? własności",
        "ends": r"\bwygas\w*|\bkończy\w*|\bustaj\w*|\bzakończ\w*",
        "delete": r"usun\w*|usuw\w*|skasow\w*",
        "share": r"udostępni\w*|przekaz\w*|przekazan\w*|przekazyw\w*|ujawni\w*|sprzeda\w*|sprzedaż\w*|"
        r"powierz\w*|\bdzieli\w*|\bwynajm\w*|\btransfer\w*|\bwymienia\w*|\bprzesył\w*",
        "sale": r"sprzeda\w*|sprzedaż\w*|wynajm\w*|reklamodawc\w*|reklam\w*|brokerom|brokerzy|broker\w*",
        "pdata": r"\bdan(?:e|ych|ymi|ym)\b|\binformacj\w*|adres\w* e-?mail|numer\w* telefon\w*|\bprofil\w*",
        "recipient": r"\bpodmiot\w* trzeci\w*|\bstron\w* trzeci\w*|\bosob\w* trzeci\w*|\bpartner\w*|"
        r"reklamodawc\w*|podmiot\w* powiązan\w*|spółk\w* (?:z grupy|zależn\w*|powiązan\w*)|\bgrup\w* "
        r"(?:kapitałow\w*|spółek)|\bdostawc\w*|podmiot\w* przetwarzając\w*|\borgan\w*|\bnabywc\w*|"
        r"\binnym firmom\b|\binnych firm\b",
    },
}

# Breadth of a licence, per language: the same keys as the English rules, so directions compare.
LICENCE_SCOPE: dict[str, dict[str, str]] = {
    "fr": {
        "perpetual": r"perpétuel\w*|durée (?:légale |de la protection )?des droits",
        "irrevocable": r"irrévocable\w*",
        "worldwide": r"mondial\w*|monde entier",
        "royalty-free": r"gratuit\w*|sans (?:redevance|contrepartie|rémunération)|à titre gratuit",
        "sublicensable": r"sous-licenc\w*|sous licence(?:s)? à",
        "transferable": r"(?<!non )(?<!non-)\b(?:cessible|transférable)s?\b",
        "derivative works": r"\bmodifi\w*|\badapt\w*|œuvres dérivées",
        "any purpose": r"\btoute(?:s)? fin\w*|tous (?:supports|usages|médias)|\btout usage\b",
        "commercial": r"commercia\w*|publicit\w*|marketing",
        "ai": r"entra[îi]n\w*|intelligence artificielle|apprentissage automatique",
    },
    "de": {
        "perpetual": r"unbefrist\w*|zeitlich unbe(?:grenzt|schränkt)\w*|dauerhaft\w*",
        "irrevocable": r"unwiderruflich\w*",
        "worldwide": r"weltweit\w*",
        "royalty-free": r"unentgeltlich\w*|gebührenfrei\w*|lizenzgebührenfrei\w*|kostenlos\w*|vergütungsfrei\w*",
        "sublicensable": r"unterlizen\w*|sublizen\w*",
        "transferable": r"(?<!nicht )(?<!nicht-)\bübertragbar\w*",
        "derivative works": r"bearbeit\w*|abgeleitete\w* werk\w*|veränder\w*|anpass\w*",
        "any purpose": r"jeglich\w* zweck\w*|beliebig\w* zweck\w*|alle\w* zweck\w*|jede\w* art",
        "commercial": r"kommerziell\w*|werb\w*|marketing",
        "ai": r"trainier\w*|training|künstlich\w* intelligenz|maschinell\w* lern\w*",
    },
    "it": {
        "perpetual": r"perpetu\w*|durata (?:massima |legale )?dei diritti",
        "irrevocable": r"irrevocabil\w*",
        "worldwide": r"mondial\w*|in tutto il mondo",
        "royalty-free": r"gratuit\w*|esente da (?:royalty|canoni|diritti)|senza (?:compenso|corrispettivo)|royalty-free",
        "sublicensable": r"sub-?licenz\w*|sublicenziabil\w*",
        "transferable": r"(?<!non )\b(?:trasferibil|cedibil)\w*",
        "derivative works": r"modific\w*|adatt\w*|opere derivate",
        "any purpose": r"qualsiasi (?:scopo|finalità|mezzo)|qualunque (?:scopo|finalità)",
        "commercial": r"commercial\w*|pubblicit\w*|marketing",
        "ai": r"addestr\w*|intelligenza artificiale|apprendimento automatico",
    },
    "es": {
        "perpetual": r"perpetu\w*|indefinid\w*",
        "irrevocable": r"irrevocable\w*",
        "worldwide": r"mundial\w*|en todo el mundo",
        "royalty-free": r"gratuit\w*|libre de (?:regalías|derechos)|sin (?:regalías|contraprestación)",
        "sublicensable": r"sublicenci\w*",
        "transferable": r"(?<!no )\b(?:transferible|cedible)s?\b",
        "derivative works": r"modific\w*|adapt\w*|obras derivadas",
        "any purpose": r"cualquier (?:fin|finalidad|propósito|medio)",
        "commercial": r"comercial\w*|publicitari\w*|marketing",
        "ai": r"entren\w*|inteligencia artificial|aprendizaje automático",
    },
    "pl": {
        "perpetual": r"bezterminow\w*|nieograniczon\w* w czasie|wieczyst\w*",
        "irrevocable": r"nieodwołaln\w*",
        "worldwide": r"ogólnoświatow\w*|na całym świecie|światow\w*",
        "royalty-free": r"nieodpłatn\w*|bezpłatn\w*|bez wynagrodzenia|wolna od opłat",
        "sublicensable": r"sublicencj\w*|dalszej licencji",
        "transferable": r"(?<!nie)(?<!nie )\bzbywaln\w*|(?<!nie)przenaszaln\w*",
        "derivative works": r"modyfik\w*|opracowa\w*|adaptac\w*|utwor\w* zależn\w*",
        "any purpose": r"dowoln\w* (?:cel\w*|sposób|pol\w*)|wszelki\w* cel\w*|wszystki\w* pol\w* eksploatacji",
        "commercial": r"komercyj\w*|reklam\w*|marketing\w*",
        "ai": r"trenow\w*|sztuczn\w* inteligencj\w*|uczeni\w* maszynow\w*",
    },
}

# Cheap substring gates per detector (every group must have one of its stems in the lowercased
# sentence) so the regular expressions only run on the few sentences that could match: most terms
# sentences name no AI, licence or data recipient, and a substring test costs far less than a regex.
GATES: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "fr": {
        "ai-training": (
            ("ia", "intelligence", "apprentissage", "learning", "modèle", "algorithm", "llm", "neurone"),
            (
                "entra",
                "form",
                "training",
                "apprentissage",
                "amélior",
                "développ",
                "perfectionn",
                "optimis",
                "affin",
            ),
        ),
        "content-licence": (
            (
                "licence",
                "propriét",
                "titulaire",
                "droit d'",
                "droits d'",
                "vous conservez",
                "vôtre",
                "revendiqu",
            ),
        ),
        "data-sharing": (
            (
                "partag",
                "communiq",
                "transm",
                "divulg",
                "vend",
                "vente",
                "céd",
                "cèd",
                "cession",
                "lou",
                "disposition",
                "fourni",
                "échang",
            ),
            (
                "tiers",
                "partenaire",
                "annonceur",
                "société",
                "entreprise",
                "filiale",
                "affili",
                "prestataire",
                "sous-traitant",
                "fournisseur",
                "autorité",
                "acquéreur",
                "courtier",
                "agent",
            ),
        ),
    },
    "de": {
        "ai-training": (
            ("ki", "intelligenz", "lern", "modell", "algorithm", "llm", "neuronal"),
            ("trainier", "training", "lern", "verbesser", "entwick", "optimier"),
        ),
        "content-licence": (
            (
                "lizenz",
                "nutzungsrecht",
                "verwertungsrecht",
                "rechte",
                "eigentum",
                "eigentüm",
                "inhaber",
                "bleib",
                "verbleib",
            ),
        ),
        "data-sharing": (
            (
                "weiter",
                "teil",
                "offen",
                "übermitt",
                "verkauf",
                "vermiet",
                "zugänglich",
                "bereit",
                "preisgeb",
                "übertrag",
                "vermarkt",
            ),
            (
                "dritt",
                "partner",
                "werbe",
                "unternehmen",
                "konzern",
                "tochter",
                "dienstleister",
                "auftragsverarbeiter",
                "behörde",
                "käufer",
                "erwerber",
            ),
        ),
    },
    "it": {
        "ai-training": (
            ("ia", "ai", "intelligenza", "apprendimento", "learning", "modell", "algoritm", "llm", "neural"),
            ("addestr", "allen", "training", "miglior", "svilupp", "perfezion", "ottimizz"),
        ),
        "content-licence": (("licenz", "diritt", "propriet", "titolar", "rimane", "rimangono", "resta"),),
        "data-sharing": (
            (
                "condivi",
                "comunic",
                "trasm",
                "divulg",
                "vend",
                "ced",
                "cession",
                "noleggi",
                "disposizione",
                "forni",
                "scambi",
                "trasferi",
            ),
            (
                "terz",
                "partner",
                "inserzionist",
                "società",
                "affiliat",
                "controllat",
                "fornitor",
                "responsabili",
                "autorità",
                "acquirent",
                "broker",
                "aziende",
            ),
        ),
    },
    "es": {
        "ai-training": (
            ("ia", "i.a", "inteligencia", "aprendizaje", "learning", "modelo", "algoritm", "llm", "neuronal"),
            ("entren", "training", "mejor", "desarroll", "perfeccion", "optimiz"),
        ),
        "content-licence": (
            (
                "licencia",
                "derechos de",
                "derecho de",
                "propiedad",
                "propietari",
                "titular",
                "conserv",
                "siendo",
                "reclam",
            ),
        ),
        "data-sharing": (
            (
                "compart",
                "comunic",
                "ced",
                "cesi",
                "vend",
                "venta",
                "divulg",
                "transmit",
                "revel",
                "facilit",
                "proporcion",
                "disposici",
                "alquil",
                "transfer",
                "intercambi",
                "suministr",
            ),
            (
                "tercer",
                "socio",
                "anunciante",
                "empresa",
                "sociedad",
                "filial",
                "afiliad",
                "proveedor",
                "encargado",
                "autoridad",
                "comprador",
                "broker",
            ),
        ),
    },
    "pl": {
        "ai-training": (
            ("ai", "si", "inteligencj", "uczeni", "learning", "model", "algorytm", "llm", "neuronow"),
            ("trenow", "trening", "szkol", "ulepsz", "doskonal", "rozw", "popraw", "opracow", "optymaliz"),
        ),
        "content-licence": (
            (
                "licencj",
                "prawo do",
                "prawa",
                "własnoś",
                "właściciel",
                "rości",
                "pozostaj",
                "zachowuj",
                "nabywa",
            ),
        ),
        "data-sharing": (
            (
                "udostępni",
                "przekaz",
                "ujawni",
                "sprzeda",
                "powierz",
                "dziel",
                "wynajm",
                "transfer",
                "wymieni",
                "przesył",
            ),
            (
                "trzeci",
                "partner",
                "reklamodawc",
                "powiązan",
                "spółk",
                "grup",
                "dostawc",
                "przetwarzając",
                "organ",
                "nabywc",
                "firm",
            ),
        ),
    },
}
