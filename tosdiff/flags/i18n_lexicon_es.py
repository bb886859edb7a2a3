"""Spanish word classes of the three tosdiff flags (see ``i18n_lexicon.py`` for what each round added)."""

from __future__ import annotations

# The first two rounds' word classes.
WORDS: dict[str, str] = {
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
}

# Third round (EXTRA in i18n_lexicon.py).
EXTRA: dict[str, str] = {
    "grant_noun": r"\b(?:concesi[oó]n|otorgamiento) (?:de |de la |de una )?(?:\w+ )?licencia\w* a\b|"
    r"\bderechos (?:otorgados|concedidos) (?:\w+ ){0,3}?licencia\b|\brenuncia\w*\b[^.;]{0,120}\bderechos morales\b",
    "exploit_right": r"\bderecho (?:de|a) (?:reproducir|utilizar|explotar|modificar|adaptar|publicar|distribuir)\b",
    "recipient": r"\badquirente\w*|\basesores\b|\bauditores\b|\babogados\b|\bprestamistas\b|\baseguradoras?\b|"
    r"\bsucesor\w*|\botra (?:empresa|sociedad)\b",
}

# Fourth round (EXTRA4 in i18n_lexicon.py).
EXTRA4: dict[str, str] = {
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
    # Data coming TO the provider: "los socios comparten con nosotros", "recibimos información de terceros".
    "inbound_clause": r"\b(?:compart|comunic|transmit|proporcion|facilit|envi|enví)\w* (?:\w+ ){0,5}?con nosotros\b|"
    r"\b(?:recibimos|obtenemos|recopilamos|recabamos|recibir|obtener|recopilar|recabar)\b[^.;]{0,120}?\b(?:de parte de|"
    r"por parte de|de) (?:\w+ ){0,2}?(?:tercer|soci|proveedor|vendedor|anunciant|empresa|plataforma)\w*",
}
